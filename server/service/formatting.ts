import type { Range, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../grammar/line-index';
import type { FormatError, FormatOptions } from '../format';
import { formatDocument, formatRange } from './format';
import { layoutOnlyEdits } from './layout-edits';
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

/** `textDocument/formatting`: one edit replacing the document (blank-only edits for secrets), none when it is formatted already. */
export function documentFormattingEdits(doc: OpenDocument, options: FormatOptions): TextEdit[] | FormatRefusal {
  if (doc.parsed.kind === 'skipped') return [];
  const result = formatDocument(doc.text, doc.kind, options);
  if (!result.ok) return refusal(result.errors);
  if (result.text === doc.text) return [];
  const index = new LineIndex(doc.text);
  // A secrets buffer gets blank-only edits, so that no secret travels in the response.
  const layout = doc.kind === 'secrets' ? layoutOnlyEdits(doc.text, result.text, 0, index) : undefined;
  return layout ?? [{ range: index.range(0, doc.text.length), newText: result.text }];
}

/** `textDocument/rangeFormatting`: the whole lines the range touches, as the formatter would write them. */
export function rangeFormattingEdits(doc: OpenDocument, range: Range, options: FormatOptions): TextEdit[] | FormatRefusal {
  if (doc.parsed.kind === 'skipped') return [];
  const result = formatRange(doc.text, doc.kind, range, options);
  if (!result.ok) return refusal(result.errors);
  if (doc.kind === 'secrets') {
    const index = new LineIndex(doc.text);
    return result.edits.flatMap((e) => {
      const start = index.offsetAt(e.range.start.line, e.range.start.character);
      const end = index.offsetAt(e.range.end.line, e.range.end.character);
      return layoutOnlyEdits(doc.text.slice(start, end), e.newText, start, index) ?? [{ range: e.range, newText: e.newText }];
    });
  }
  return result.edits.map((e) => ({ range: e.range, newText: e.newText }));
}
