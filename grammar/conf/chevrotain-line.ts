import type { IToken } from 'chevrotain';
import { parseLineShape, type LineShape } from './line-parser';
import { assignmentShape, emptyShape, headerShape, indentedWordsShape, type LineReading, type ReadingShape } from './line-reading';
import type { ConfTokenKind } from './syntax-tree';
import { confLexer } from './tokens';

// Chevrotain's reading of a line, apart from line-reading.ts so that the hand-written scanner
// and the tree do not bring Chevrotain in: the CLI loads it on first use (grammar/lazy-grammar.ts).

const kindOfTokenType: Record<string, ConfTokenKind> = {
  Bom: 'bom',
  Newline: 'newline',
  ValueNewline: 'newline',
  Indent: 'indent',
  Gap: 'gap',
  Comment: 'comment',
  Equals: 'equals',
  Quoted: 'quoted',
  Braced: 'braced',
  Word: 'word',
  BareValue: 'bare',
  Stray: 'stray',
};

/** Reads one line (with its newline, if any) with Chevrotain: the grammar of record. */
export function readLineWithChevrotain(lineText: string): LineReading {
  const raw = confLexer().tokenize(lineText).tokens;
  const kinds = raw.map((t) => kindOfTokenType[t.tokenType.name] ?? 'stray');
  const starts = raw.map((t) => t.startOffset);
  let significant = raw;
  if (significant.length > 0 && kinds[kinds.length - 1] === 'newline') significant = significant.slice(0, -1);
  if (significant.length > 0 && kinds[0] === 'bom') significant = significant.slice(1);
  if (significant.length === 0) return { kinds, starts, shape: emptyShape(undefined, undefined) };
  const shape = parseLineShape(significant);
  return { kinds, starts, shape: shape && indexedShape(shape, raw) };
}

function indexedShape(shape: LineShape, raw: readonly IToken[]): ReadingShape {
  const at = (t: IToken): number => raw.indexOf(t);
  const opt = (t: IToken | undefined): number | undefined => (t ? at(t) : undefined);
  switch (shape.kind) {
    case 'empty':
      return emptyShape(opt(shape.indent), opt(shape.comment));
    case 'header':
      return headerShape(shape.words.map(at), opt(shape.comment));
    case 'assignment':
      return assignmentShape(at(shape.indent), at(shape.key), opt(shape.equals), opt(shape.value), shape.extra.map(at), opt(shape.comment));
    case 'indented-words':
      return indentedWordsShape(at(shape.indent), shape.words.map(at), opt(shape.comment));
  }
}
