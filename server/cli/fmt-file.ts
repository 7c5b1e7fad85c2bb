import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { parseSecrets } from '../../grammar/secrets';
import { maskSecrets, type FormatError, type FormatOptions } from '../format';
import { formatDocument, type DocumentKind } from '../service/format';

/** One file's text before and after formatting, or why it could not be formatted. */
export type FileFormatting =
  | { readonly status: 'formatted'; readonly before: string; readonly after: string }
  | { readonly status: 'syntax-errors'; readonly errors: readonly FormatError[] }
  | { readonly status: 'unreadable'; readonly message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Reads a file as UTF-8, refusing anything else: decoding other bytes would replace them,
 * and writing the result back would change bytes the formatter promised to keep. A byte
 * order mark is taken off the text (the formatter never sees it) and reported in `bom`, so
 * that `withByteOrderMark` puts it back on what is written.
 */
export function readUtf8(read: () => Buffer): { ok: true; text: string; bom: boolean } | { ok: false; message: string } {
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (error) {
    return { ok: false, message: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    // The decoder drops a leading byte order mark by itself.
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { ok: true, text: utf8.decode(bytes), bom };
  } catch {
    return { ok: false, message: 'not UTF-8 text; left untouched' };
  }
}

/** The text to write back: with the byte order mark the file had. */
export function withByteOrderMark(text: string, bom: boolean): string {
  return bom ? BYTE_ORDER_MARK + text : text;
}

export function formatText(text: string, kind: DocumentKind, options: FormatOptions): FileFormatting {
  const result = formatDocument(text, kind, options);
  return result.ok ? { status: 'formatted', before: text, after: result.text } : { status: 'syntax-errors', errors: result.errors };
}

/** `path:line:column: message` lines, 1-based like other command-line tools. */
export function describeSyntaxErrors(path: string, errors: readonly FormatError[]): string[] {
  return errors.map((e) => `${path}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`);
}

/**
 * A unified diff of the change. A secrets file's diff shows `<secret>` in place of each
 * secret: formatting never changes a secret, and a diff is printed where logs can keep it.
 */
export function unifiedDiff(path: string, kind: DocumentKind, before: string, after: string): string {
  const [oldText, newText] = kind === 'secrets' ? [maskSecrets(parseSecrets(before)), maskSecrets(parseSecrets(after))] : [before, after];
  return createTwoFilesPatch(path, path, oldText, newText, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}
