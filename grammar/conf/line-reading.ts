import type { ConfTokenKind } from './syntax-tree';

/**
 * What a line's text always yields, wherever it stands in a file: its tokens as kinds and
 * start offsets relative to the line, and its shape, naming tokens by their index. No
 * Chevrotain object survives in it, so a remembered reading costs a few small arrays, and
 * the hand-written scanner (fast-line-scanner.ts) and Chevrotain produce the very same value
 * (test/grammar/fast-line-scanner.test.ts proves it on the corpus and on random lines).
 */
export interface LineReading {
  /** Kinds of every token, the newline (when the line has one) last. */
  readonly kinds: readonly ConfTokenKind[];
  /** Where each token starts in the line; a token ends where the next one starts, the last at the line's end. */
  readonly starts: readonly number[];
  /** Undefined when the grammar cannot read the line. */
  readonly shape: ReadingShape | undefined;
}

/** A line's shape with tokens named by their index in `LineReading.kinds`. */
export type ReadingShape =
  | { readonly kind: 'empty'; readonly indent: number | undefined; readonly comment: number | undefined }
  | { readonly kind: 'header'; readonly words: readonly number[]; readonly comment: number | undefined }
  | {
      readonly kind: 'assignment';
      readonly indent: number;
      readonly key: number;
      readonly equals: number | undefined;
      readonly value: number | undefined;
      /** Tokens after the value that are not a comment: a second statement, a stray quote. */
      readonly extra: readonly number[];
      readonly comment: number | undefined;
    }
  | { readonly kind: 'indented-words'; readonly indent: number; readonly words: readonly number[]; readonly comment: number | undefined };

/*
 * Shapes are built only through these, in one property order, so the two readers' shapes
 * compare equal and share hidden classes.
 */
export function emptyShape(indent: number | undefined, comment: number | undefined): ReadingShape {
  return { kind: 'empty', indent, comment };
}
export function headerShape(words: readonly number[], comment: number | undefined): ReadingShape {
  // `conn NAME`: one per conn, kept by its tree line; share the few there are.
  const id = words.length === 2 ? shapeId(words[0], words[1], comment) : -1;
  if (id < 0) return { kind: 'header', words, comment };
  let shape = headerShapes.get(id);
  if (shape === undefined) {
    shape = Object.freeze({ kind: 'header', words: Object.freeze([...words]), comment });
    headerShapes.set(id, shape);
  }
  return shape;
}

const headerShapes = new Map<number, ReadingShape>();
export function assignmentShape(
  indent: number,
  key: number,
  equals: number | undefined,
  value: number | undefined,
  extra: readonly number[],
  comment: number | undefined,
): ReadingShape {
  if (extra.length > 0) return { kind: 'assignment', indent, key, equals, value, extra, comment };
  // A tree line keeps its shape, and nearly every line has one of a dozen: share them.
  const id = shapeId(indent, key, equals, value, comment);
  if (id < 0) return { kind: 'assignment', indent, key, equals, value, extra: NO_EXTRA, comment };
  let shape = assignmentShapes.get(id);
  if (shape === undefined) {
    shape = Object.freeze({ kind: 'assignment', indent, key, equals, value, extra: NO_EXTRA, comment });
    assignmentShapes.set(id, shape);
  }
  return shape;
}

const NO_EXTRA: readonly number[] = Object.freeze([]);
const assignmentShapes = new Map<number, ReadingShape>();

/** The indices packed in four bits each (15 for none), or -1 when one is too large to pack. */
function shapeId(...indices: (number | undefined)[]): number {
  let id = 0;
  for (const i of indices) {
    if (i !== undefined && (i < 0 || i > 14)) return -1;
    id = id * 16 + (i ?? 15);
  }
  return id;
}
export function indentedWordsShape(indent: number, words: readonly number[], comment: number | undefined): ReadingShape {
  return { kind: 'indented-words', indent, words, comment };
}
