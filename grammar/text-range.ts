/**
 * Positions are 0-based lines and 0-based UTF-16 columns, as in LSP; the CLI adds 1
 * for people. Offsets index the document's JavaScript string.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: Position;
  readonly end: Position;
}

export function rangeOf(startLine: number, startChar: number, endLine: number, endChar: number): TextRange {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(range: TextRange, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}
