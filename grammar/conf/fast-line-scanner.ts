import type { ConfTokenKind } from './syntax-tree';
import { assignmentShape, emptyShape, headerShape, type LineReading } from './line-reading';

/*
 * A hand-written reader for the lines that make up almost every file: a blank line, a
 * comment, a section header in column 0, an indented `key=value` with an optional comment.
 * It gives up (returns undefined) on anything else, and Chevrotain, the grammar of record,
 * reads that line instead. So that giving up is cheap and the two can never disagree, the
 * scanner accepts only plain ASCII lines without quotes, braces, carriage returns or form
 * feeds, where the lexer's modes reduce to a few character tests; test/grammar/
 * fast-line-scanner.test.ts checks it against Chevrotain on every corpus line and on random
 * lines.
 */

const TAB = 9;
const NEWLINE = 10;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const EQUALS = 61;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** The line's length without its newline, or -1 when some character needs the full lexer. */
function plainLength(text: string): number {
  const n = text.length;
  const end = n > 0 && text.charCodeAt(n - 1) === NEWLINE ? n - 1 : n;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === TAB) continue;
    if (code < SPACE || code > 126 || code === QUOTE || code === OPEN_BRACE || code === CLOSE_BRACE) return -1;
  }
  return end;
}

/** Whether the scanner's character tests apply to the line: plain ASCII without quotes, braces, carriage returns or form feeds. */
export function isPlainLine(text: string): boolean {
  return plainLength(text) >= 0;
}

/** Reads a common line the way Chevrotain would, or returns undefined to hand it over. */
export function scanCommonLine(text: string): LineReading | undefined {
  const end = plainLength(text);
  if (end < 0) return undefined;
  const kinds: ConfTokenKind[] = [];
  const starts: number[] = [];
  const push = (kind: ConfTokenKind, start: number): number => {
    kinds.push(kind);
    starts.push(start);
    return kinds.length - 1;
  };
  const finish = (shape: LineReading['shape']): LineReading => {
    if (end < text.length) push('newline', end);
    return { kinds, starts, shape };
  };
  if (end === 0) return finish(emptyShape(undefined, undefined));
  let i = 0;
  if (isBlank(text.charCodeAt(0))) {
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    const indent = push('indent', 0);
    if (i === end) return finish(emptyShape(indent, undefined));
    if (text.charCodeAt(i) === HASH) return finish(emptyShape(indent, push('comment', i)));
    return scanAssignment(text, i, end, indent, push, finish);
  }
  // Column 0: a header's words, or a comment. `=` may open a value here, so leave it to Chevrotain.
  const words: number[] = [];
  let comment: number | undefined;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isBlank(code)) {
      const start = i;
      while (i < end && isBlank(text.charCodeAt(i))) i++;
      push('gap', start);
      continue;
    }
    if (code === HASH && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
      comment = push('comment', i);
      break;
    }
    const start = i;
    while (i < end && !isBlank(text.charCodeAt(i))) {
      if (text.charCodeAt(i) === EQUALS) return undefined;
      i++;
    }
    words.push(push('word', start));
  }
  return finish(words.length === 0 ? emptyShape(undefined, comment) : headerShape(words, comment));
}

/** `key=value`, `key = value`, `key=`, each with an optional trailing comment; anything more goes to Chevrotain. */
function scanAssignment(
  text: string,
  from: number,
  end: number,
  indent: number,
  push: (kind: ConfTokenKind, start: number) => number,
  finish: (shape: LineReading['shape']) => LineReading,
): LineReading | undefined {
  let i = from;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === EQUALS || isBlank(code)) break;
    i++;
  }
  // `X-` and `x_` keys take the rest of the line raw, and a key must be followed by `=`.
  const first = text.charCodeAt(from);
  if (i === from || ((first === 88 || first === 120) && (text.charCodeAt(from + 1) === 45 || text.charCodeAt(from + 1) === 95))) return undefined;
  const key = push('word', from);
  if (i < end && isBlank(text.charCodeAt(i))) {
    push('gap', i);
    while (i < end && isBlank(text.charCodeAt(i))) i++;
  }
  if (i === end || text.charCodeAt(i) !== EQUALS) return undefined;
  const equals = push('equals', i);
  i++;
  let value: number | undefined;
  let comment: number | undefined;
  let afterBlank = false;
  if (i < end && isBlank(text.charCodeAt(i))) {
    push('gap', i);
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    afterBlank = true;
  }
  if (i < end && !(afterBlank && text.charCodeAt(i) === HASH)) {
    value = push('bare', i);
    while (i < end && !isBlank(text.charCodeAt(i))) i++;
    if (i < end) {
      push('gap', i);
      while (i < end && isBlank(text.charCodeAt(i))) i++;
    }
    afterBlank = true;
  }
  if (i < end) {
    // Only a comment may follow; a second word is an error Chevrotain describes.
    if (!(afterBlank && text.charCodeAt(i) === HASH)) return undefined;
    comment = push('comment', i);
  }
  return finish(assignmentShape(indent, key, equals, value, [], comment));
}
