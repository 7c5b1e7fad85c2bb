import type { IToken, TokenType } from 'chevrotain';
import { LineIndex } from '../line-index';
import { RecordBuilder, type ErrorSink } from './build-records';
import { findOverlongLines, MAX_LINE_BYTES } from './line-limit';
import { parseRecordTokens } from './parser';
import type { SecretData, SecretsFile, SecretsRecord, SecretsSyntaxError, SecretsToken, SecretsTokenKind } from './syntax-tree';
import * as T from './tokens';

/*
 * parseSecrets: lex the whole file, cut the significant tokens into records at every
 * token in column 0 (Libreswan's record boundary), parse each record on its own, and
 * collect every problem instead of stopping at the first. It never throws on input.
 */

const KIND_OF: ReadonlyMap<TokenType, SecretsTokenKind> = new Map<TokenType, SecretsTokenKind>([
  [T.Bom, 'bom'],
  [T.Newline, 'newline'],
  [T.Whitespace, 'whitespace'],
  [T.Comment, 'comment'],
  [T.DoubleQuoted, 'double-quoted'],
  [T.SingleQuoted, 'single-quoted'],
  [T.BackQuoted, 'back-quoted'],
  [T.UnterminatedQuoted, 'unterminated-quoted'],
  [T.TextData, 'text-data'],
  [T.Colon, 'colon'],
  [T.Include, 'word'],
  [T.Psk, 'word'],
  [T.Xauth, 'word'],
  [T.Ppks, 'word'],
  [T.Word, 'word'],
  [T.Stray, 'stray'],
]);

const TRIVIA: ReadonlySet<SecretsTokenKind> = new Set(['bom', 'newline', 'whitespace', 'comment']);

interface Lexed {
  readonly tokens: SecretsToken[];
  /** The Chevrotain token behind each significant SecretsToken, for the parser. */
  readonly chevrotainOf: Map<SecretsToken, IToken>;
  readonly secretsOf: Map<IToken, SecretsToken>;
}

function lex(text: string, lines: LineIndex): Lexed {
  const result = T.tokenizeControlFile(text);
  const tokens: SecretsToken[] = [];
  const chevrotainOf = new Map<SecretsToken, IToken>();
  const secretsOf = new Map<IToken, SecretsToken>();
  let covered = 0;
  const push = (kind: SecretsTokenKind, start: number, end: number, source?: IToken): void => {
    const token: SecretsToken = { kind, text: text.slice(start, end), offset: start, range: lines.range(start, end) };
    tokens.push(token);
    if (source !== undefined) {
      chevrotainOf.set(token, source);
      secretsOf.set(source, token);
    }
    covered = end;
  };
  for (const t of result.tokens) {
    // The catch-all token makes gaps impossible; filling them anyway keeps printing exact.
    if (t.startOffset > covered) push('stray', covered, t.startOffset);
    const kind = KIND_OF.get(t.tokenType) ?? 'stray';
    push(kind, t.startOffset, t.startOffset + t.image.length, TRIVIA.has(kind) ? undefined : t);
  }
  if (covered < text.length) push('stray', covered, text.length);
  return { tokens, chevrotainOf, secretsOf };
}

function lineChecks(text: string, lines: LineIndex, report: ErrorSink): void {
  if (text.charCodeAt(0) === 0xfeff) {
    report(
      'bom',
      'error',
      'Save the file without a byte order mark: Libreswan reads it as part of the first token, so the first record does not mean what it says.',
      lines.range(0, 1),
    );
  }
  for (const { line, length, bytes } of findOverlongLines(text)) {
    report(
      'line-too-long',
      'error',
      `This line is ${bytes} bytes long; Libreswan reads at most ${MAX_LINE_BYTES - 1} bytes per line and treats the rest as a new line. Split the record over indented continuation lines.`,
      { start: { line, character: 0 }, end: { line, character: length } },
    );
  }
}

/** Significant tokens grouped per record; `leading` holds indented tokens before the first record. */
function splitRecords(tokens: readonly SecretsToken[], hasBom: boolean): { leading: SecretsToken[]; records: SecretsToken[][] } {
  const leading: SecretsToken[] = [];
  const records: SecretsToken[][] = [];
  for (const token of tokens) {
    if (TRIVIA.has(token.kind)) continue;
    const column = token.range.start.character;
    // After a BOM we follow the writer's intent (the record starts right after it) and
    // report the BOM, rather than modelling Libreswan's misreading of the first token.
    const startsRecord = column === 0 || (hasBom && token.offset === 1);
    if (startsRecord) records.push([token]);
    else if (records.length > 0) records[records.length - 1].push(token);
    else leading.push(token);
  }
  return { leading, records };
}

export function parseSecrets(text: string): SecretsFile {
  const lines = new LineIndex(text);
  const errors: SecretsSyntaxError[] = [];
  const report: ErrorSink = (code, severity, message, range) => {
    errors.push({ code, severity, message, range });
  };
  const lexed = lex(text, lines);
  lineChecks(text, lines, report);
  for (const token of lexed.tokens) {
    if (token.kind === 'unterminated-quoted') {
      report(
        'unterminated-quote',
        'error',
        `Close the ${token.text[0]} quote on this line: quoted text cannot span lines or contain its own quote character, so Libreswan reads this as unquoted text up to the line end.`,
        token.range,
      );
    }
  }

  const tokenOf = (t: IToken): SecretsToken => {
    const token = lexed.secretsOf.get(t);
    if (token === undefined) throw new Error('parser returned a token that the lexer did not produce');
    return token;
  };
  const builder = new RecordBuilder(tokenOf, report);
  const { leading, records: groups } = splitRecords(lexed.tokens, text.charCodeAt(0) === 0xfeff);
  const records: SecretsRecord[] = [];
  if (leading.length > 0) records.push(builder.leadingIndentation(leading));
  for (const group of groups) {
    const input = group.map((t) => lexed.chevrotainOf.get(t) as IToken);
    const { shape, internalErrors } = parseRecordTokens(input);
    if (shape === undefined || internalErrors.length > 0) {
      // The record grammar accepts every token sequence, so this is a bug in it.
      throw new Error(`ipsec.secrets record grammar rejected its input: ${internalErrors.join('; ')}`);
    }
    records.push(builder.build(shape, group));
  }
  errors.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return {
    text,
    tokens: lexed.tokens,
    records,
    comments: lexed.tokens.filter((t) => t.kind === 'comment'),
    errors,
  };
}

/** Concatenates every token: the exact input, byte for byte. */
export function printSecrets(file: SecretsFile): string {
  return file.tokens.map((t) => t.text).join('');
}

/**
 * The encoded secret (without quotes or 0x/0s/0t prefix), for length and entropy checks.
 * Keep it out of every message, log line and hover text.
 */
export function readSecretPayload(file: SecretsFile, data: SecretData): string {
  return file.text.slice(data.payloadOffset, data.payloadOffset + data.payloadLength);
}
