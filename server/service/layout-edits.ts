import type { TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../grammar/line-index';

const blank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/**
 * The edits that turn `before` into `after` when the two differ only in blanks (spaces, tabs,
 * line breaks): one edit per changed run of blanks, each holding blanks only. The secrets
 * formatter changes layout and never a token, so its edits then carry no secret back over
 * the wire. Undefined when some other character differs (the caller sends the whole text).
 */
export function layoutOnlyEdits(before: string, after: string, offset = 0, index = new LineIndex(before)): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    let i2 = i;
    while (i2 < before.length && blank(before[i2])) i2++;
    let j2 = j;
    while (j2 < after.length && blank(after[j2])) j2++;
    if (before.slice(i, i2) !== after.slice(j, j2)) edits.push({ range: index.range(offset + i, offset + i2), newText: after.slice(j, j2) });
    if (i2 >= before.length || j2 >= after.length) return i2 >= before.length && j2 >= after.length ? edits : undefined;
    if (before[i2] !== after[j2]) return undefined;
    i = i2 + 1;
    j = j2 + 1;
  }
}
