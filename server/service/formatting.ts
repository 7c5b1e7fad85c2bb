import type { Range, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../grammar/line-index';
import type { FormatError, FormatOptions } from '../format';
import { formatDocument, formatRange } from './format';
import type { OpenDocument } from './workspace';

/** Why the formatter left a document alone: it never formats text it cannot fully read. */
export interface FormatRefusal {
  readonly refused: string;
}

function refusal(errors: readonly FormatError[]): FormatRefusal {
  const first = errors[0];
  const where = first ? ` (line ${first.range.start.line + 1}: ${first.message})` : '';
  return { refused: `not formatted: fix the syntax error${errors.length === 1 ? '' : 's'} first${where}` };
}

/** `textDocument/formatting`: one edit replacing the document, none when it is formatted already. */
export function documentFormattingEdits(doc: OpenDocument, options: FormatOptions): TextEdit[] | FormatRefusal {
  if (doc.parsed.kind === 'skipped') return [];
  const result = formatDocument(doc.text, doc.kind, options);
  if (!result.ok) return refusal(result.errors);
  if (result.text === doc.text) return [];
  const index = new LineIndex(doc.text);
  return [{ range: index.range(0, doc.text.length), newText: result.text }];
}

/** `textDocument/rangeFormatting`: the whole lines the range touches, as the formatter would write them. */
export function rangeFormattingEdits(doc: OpenDocument, range: Range, options: FormatOptions): TextEdit[] | FormatRefusal {
  if (doc.parsed.kind === 'skipped') return [];
  const result = formatRange(doc.text, doc.kind, range, options);
  if (!result.ok) return refusal(result.errors);
  return result.edits.map((e) => ({ range: e.range, newText: e.newText }));
}
