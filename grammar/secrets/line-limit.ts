/*
 * Libreswan's control-file scanner (lib/libswan/lex.c, used for ipsec.secrets and the
 * policy group files) reads a line with fgets() into a 2,048-byte buffer: at most 2,047
 * bytes, newline included. Anything longer is cut, and the rest is read as a new line,
 * which usually starts a new record.
 */
export const MAX_LINE_BYTES = 2047;

const TRAILING_SPACE: ReadonlySet<string> = new Set([' ', '\t', '\v', '\f', '\r']);

export interface OverlongLine {
  readonly line: number;
  /** UTF-16 length of the line without trailing white space. */
  readonly length: number;
  /** UTF-8 length of the same text. */
  readonly bytes: number;
}

export function findOverlongLines(text: string): OverlongLine[] {
  const found: OverlongLine[] = [];
  const encoder = new TextEncoder();
  let start = 0;
  for (let line = 0; ; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    // A line of fewer UTF-16 units than MAX_LINE_BYTES / 3 cannot reach the limit in UTF-8.
    if (end - start > MAX_LINE_BYTES / 3) {
      // Trailing white space is stripped before the line is scanned, so it cannot spill over.
      // (Stripped by hand: /\s+$/ backtracks quadratically on a long run of blanks.)
      let contentEnd = end;
      while (contentEnd > start && TRAILING_SPACE.has(text[contentEnd - 1])) contentEnd--;
      const content = text.slice(start, contentEnd);
      const bytes = encoder.encode(content).length;
      if (bytes + 1 > MAX_LINE_BYTES) found.push({ line, length: content.length, bytes });
    }
    if (newline === -1) return found;
    start = newline + 1;
  }
}
