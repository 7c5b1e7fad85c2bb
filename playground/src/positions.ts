import type { Text } from '@codemirror/state';
import type { Position } from 'vscode-languageserver-protocol';

/** LSP positions are 0-based lines and UTF-16 columns, as CodeMirror's offsets are UTF-16. */
export function toOffset(doc: Text, pos: Position): number {
  const line = doc.line(Math.min(Math.max(pos.line + 1, 1), doc.lines));
  return Math.min(line.from + pos.character, line.to);
}

export function toPosition(doc: Text, offset: number): Position {
  const line = doc.lineAt(offset);
  return { line: line.number - 1, character: offset - line.from };
}

export function pathOfUri(uri: string): string {
  return uri.startsWith('file://') ? decodeURIComponent(uri.slice('file://'.length)) : uri;
}
