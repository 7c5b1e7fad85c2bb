import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-protocol';
import type { ConfFile } from '../../grammar/conf/syntax-tree';
import type { TextRange } from '../../grammar/text-range';

/** Folds runs of two or more consecutive comment lines. */
function commentRuns(commentLines: readonly number[]): FoldingRange[] {
  const out: FoldingRange[] = [];
  let start = -1;
  let previous = -2;
  const close = (): void => {
    if (start >= 0 && previous > start) out.push({ startLine: start, endLine: previous, kind: FoldingRangeKind.Comment });
  };
  for (const line of commentLines) {
    if (line !== previous + 1) {
      close();
      start = line;
    }
    previous = line;
  }
  close();
  return out;
}

/** Each section folds from its header to its last non-blank line; comment blocks fold too. */
export function confFoldingRanges(conf: ConfFile): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const section of conf.sections) {
    let last = section.body.length - 1;
    while (last >= 0 && section.body[last].kind === 'blank') last--;
    const end = last >= 0 ? section.body[last].line : section.header.line;
    if (end > section.header.line) out.push({ startLine: section.header.line, endLine: end, kind: FoldingRangeKind.Region });
  }
  out.push(...commentRuns(conf.lines.filter((l) => l.kind === 'comment').map((l) => l.line)));
  return out;
}

/** Records spanning several lines (old RSA key blocks), and comment blocks. */
export function tokenFileFoldingRanges(records: readonly { readonly range: TextRange }[], comments: readonly { readonly range: TextRange }[]): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const r of records) if (r.range.end.line > r.range.start.line) out.push({ startLine: r.range.start.line, endLine: r.range.end.line, kind: FoldingRangeKind.Region });
  out.push(...commentRuns([...new Set(comments.map((c) => c.range.start.line))].sort((a, b) => a - b)));
  return out;
}
