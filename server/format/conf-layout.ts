import { plainLineText } from '../../grammar/conf/parse';
import type { ConfFile, ConfLine, ConfSection } from '../../grammar/conf/syntax-tree';

export type BlockKind = ConfSection['kind'] | 'preamble';

/**
 * Where a line goes: `header` (column 0), `body` (indented), `free` (a comment in column 0
 * between sections) or `blank`. `startsBlock` marks the first line of a section's block: its
 * header, or the first comment of the column-0 comment run written right above that header.
 */
export interface LinePlan {
  readonly role: 'header' | 'body' | 'free' | 'blank';
  readonly blockKind: BlockKind;
  readonly startsBlock: boolean;
}

/*
 * Comments have no owner in the tree (the parser puts every line after a header into that
 * section), so the layout decides, in a way that reads the same on a second run:
 *  - column-0 comment lines directly above a header describe that header: column 0, and
 *    the blank line that separates sections goes above them;
 *  - at the end of a conn or config setup body, column-0 comments after a blank line (with
 *    only blank lines and column-0 comments after them) sit between sections: column 0;
 *  - every other comment in a conn or config setup body is indented with the body.
 */
export function planConfLayout(file: ConfFile): LinePlan[] {
  const plans: LinePlan[] = new Array<LinePlan>(file.lines.length);
  const set = (line: ConfLine, plan: LinePlan): void => {
    plans[line.line] = plan;
  };
  for (const line of file.preamble) set(line, { role: line.kind === 'blank' ? 'blank' : 'free', blockKind: 'preamble', startsBlock: false });
  for (const section of file.sections) {
    const indented = section.kind === 'conn' || section.kind === 'setup';
    set(section.header, { role: 'header', blockKind: section.kind, startsBlock: true });
    for (const line of section.body) {
      set(line, { role: line.kind === 'blank' ? 'blank' : indented ? 'body' : 'free', blockKind: section.kind, startsBlock: false });
    }
    if (indented) markFreeTail(section.body, set, section.kind);
  }
  for (const section of file.sections) attachCommentsAbove(file, section, plans);
  return plans;
}

function isColumnZeroComment(line: ConfLine): boolean {
  if (line.kind !== 'comment') return false;
  // A plain line has no byte order mark: it is indented exactly when it starts with a blank.
  const plain = plainLineText(line);
  if (plain !== undefined) return plain.charCodeAt(0) !== 32 && plain.charCodeAt(0) !== 9;
  return !line.tokens.some((t) => t.kind === 'indent');
}

function markFreeTail(body: readonly ConfLine[], set: (line: ConfLine, plan: LinePlan) => void, blockKind: BlockKind): void {
  // The longest run at the end of the body made of blank lines and column-0 comments…
  let suffixStart = body.length;
  while (suffixStart > 0 && (body[suffixStart - 1].kind === 'blank' || isColumnZeroComment(body[suffixStart - 1]))) suffixStart--;
  // …from its first blank line on: comments glued to the last key still belong to the body.
  const firstBlank = body.findIndex((line, i) => i >= suffixStart && line.kind === 'blank');
  if (firstBlank < 0) return;
  for (const line of body.slice(firstBlank)) if (line.kind === 'comment') set(line, { role: 'free', blockKind, startsBlock: false });
}

function attachCommentsAbove(file: ConfFile, section: ConfSection, plans: LinePlan[]): void {
  let first = section.header.line;
  while (first > 0 && isColumnZeroComment(file.lines[first - 1])) first--;
  if (first === section.header.line) return;
  plans[section.header.line] = { role: 'header', blockKind: section.kind, startsBlock: false };
  for (let n = first; n < section.header.line; n++) plans[n] = { role: 'free', blockKind: section.kind, startsBlock: n === first };
}
