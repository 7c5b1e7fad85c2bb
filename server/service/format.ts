import { parseConf } from '../../grammar/conf/parse';
import { parsePolicyGroup } from '../../grammar/policy';
import { parseSecrets } from '../../grammar/secrets';
import { LineIndex } from '../../grammar/line-index';
import { timed } from '../model/timing';
import type { TextRange } from '../../grammar/text-range';
import { formatConf, formatPolicy, formatSecrets, joinLines, type FormatError, type FormatOptions, type FormatOutcome } from '../format';

/*
 * The formatting feature as the LSP and the CLI call it: `textDocument/formatting`,
 * `textDocument/rangeFormatting` and `ipsec-lint fmt` all go through these two functions,
 * so they cannot disagree.
 */

export type DocumentKind = 'conf' | 'secrets' | 'policy';

export type FormatDocumentResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly errors: readonly FormatError[] };

export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

export type FormatRangeResult = { readonly ok: true; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly errors: readonly FormatError[] };

function formatLines(text: string, kind: DocumentKind, options: FormatOptions): FormatOutcome {
  switch (kind) {
    case 'conf': {
      const file = timed('parse', () => parseConf(text));
      return timed('format', () => formatConf(file, options));
    }
    case 'secrets':
      return formatSecrets(parseSecrets(text), options);
    case 'policy':
      return formatPolicy(parsePolicyGroup(text), options);
  }
}

/** The whole document formatted, or the syntax errors that stop it being formatted. */
export function formatDocument(text: string, kind: DocumentKind, options: FormatOptions): FormatDocumentResult {
  const outcome = formatLines(text, kind, options);
  return outcome.ok ? { ok: true, text: timed('format', () => joinLines(outcome)) } : outcome;
}

/**
 * Formats the whole lines that `range` touches. The span grows over blank lines next to it,
 * since how many blank lines stay depends on the lines on both sides; the answer is one edit
 * (none when nothing changes), and applying it gives those lines exactly as
 * `formatDocument` would write them.
 */
export function formatRange(text: string, kind: DocumentKind, range: TextRange, options: FormatOptions): FormatRangeResult {
  const outcome = formatLines(text, kind, options);
  if (!outcome.ok) return outcome;
  const index = new LineIndex(text);
  const lines = text.split('\n');
  const isBlank = (n: number): boolean => /^\s*$/.test(lines[n] ?? '');
  const last = index.lineCount - 1;
  let first = Math.max(0, Math.min(range.start.line, last));
  // A range ending at column 0 of a line does not touch that line (an editor's selection of whole lines).
  let end = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  end = Math.max(first, Math.min(end, last));
  while (first > 0 && isBlank(first - 1)) first--;
  while (end < last && isBlank(end + 1)) end++;
  const startOffset = index.offsetAt(first, 0);
  const endOffset = end < last ? index.offsetAt(end + 1, 0) : text.length;
  const newText = outcome.lines.slice(first, end + 1).join('');
  if (newText === text.slice(startOffset, endOffset)) return { ok: true, edits: [] };
  return { ok: true, edits: [{ range: index.range(startOffset, endOffset), newText }] };
}
