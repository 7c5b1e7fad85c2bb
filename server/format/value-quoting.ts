import type { ValueNode } from '../../grammar/conf/syntax-tree';

/*
 * When may `key="v"` be written `key=v`? Both reach Libreswan as the string `v` only when the
 * bare spelling is scanned as one plain string in every version we support:
 *  - the alphabet leaves out blanks, `#` (a comment after a blank), quotes, braces
 *    (`{…}` is another quoting form) and anything a shell-minded reader might misread;
 *  - Libreswan 4.x scans an all-digit bare value as a number, and an empty or number-typed
 *    string then reads differently (`leftid="007"` loads, `leftid=007` is rejected);
 *  - Libreswan 4.x scans a bare `%forever` as the number 0, while `"%forever"` stays a string.
 * Everything else keeps its quotes; braces are never touched.
 */
const plainAlphabet = /^[A-Za-z0-9._:/@%,+=-]+$/;
const allDigits = /^[0-9]+$/;
const scannedAsNumber = /^%forever$/i;

export function canUnquote(text: string): boolean {
  return plainAlphabet.test(text) && !allDigits.test(text) && !scannedAsNumber.test(text);
}

/** The value as it will be written. */
export function spellValue(value: ValueNode, unquote: boolean): string {
  if (unquote && value.quoting === 'double' && canUnquote(value.text)) return value.text;
  return value.raw;
}
