import type { IToken } from 'chevrotain';
import type { TextRange } from '../text-range';
import { parseLineShape, type LineShape } from './line-parser';
import type {
  AssignmentLine,
  ConfFile,
  ConfLine,
  ConfSection,
  ConfSyntaxError,
  ConfToken,
  ConfTokenKind,
  ValueNode,
} from './syntax-tree';
import { confLexer } from './tokens';

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

/** `X-foo` / `x_foo` keys are comments to Libreswan. */
const commentKey = /^[Xx][-_]/;

/**
 * Parses ipsec.conf text into a lossless tree. Never throws: lines the grammar cannot read
 * become error lines (with every byte kept) and an entry in `errors`.
 */
export function parseConf(text: string): ConfFile {
  const lines: ConfLine[] = [];
  const errors: ConfSyntaxError[] = [];
  let crlf = 0;
  let lf = 0;
  // Lexed a line at a time: no token spans lines, and each line's Chevrotain tokens die
  // young instead of a million of them living through the whole parse.
  for (let lineStart = 0; lineStart < text.length || lines.length === 0; ) {
    const newlineAt = text.indexOf('\n', lineStart);
    const lineEnd = newlineAt === -1 ? text.length : newlineAt + 1;
    const lineText = text.slice(lineStart, lineEnd);
    const reading = readLine(lineText);
    if (reading.newline) {
      if (reading.newline.image.length === 2) crlf++;
      else lf++;
    }
    const line = buildLine(reading, lines.length, lineStart, lineText);
    lines.push(line);
    if (line.kind === 'error') errors.push({ message: line.message, range: line.errorRange });
    lineStart = lineEnd;
  }
  const { preamble, sections } = groupSections(lines, errors);
  return {
    text,
    lines,
    preamble,
    sections,
    errors,
    hasBom: text.charCodeAt(0) === 0xfeff,
    eol: crlf > lf ? '\r\n' : '\n',
  };
}

/**
 * A token of the tree. Every token of a line starts on that line, so its columns are plain
 * offset differences; the range is built when first asked for, since most never are and a
 * 10,000-conn file has over a million tokens.
 */
class LineToken implements ConfToken {
  private cachedRange: TextRange | undefined;

  constructor(
    readonly kind: ConfTokenKind,
    readonly text: string,
    readonly offset: number,
    private readonly lineNo: number,
    private readonly lineStart: number,
  ) {}

  get range(): TextRange {
    if (!this.cachedRange) {
      const start = { line: this.lineNo, character: this.offset - this.lineStart };
      const end = this.kind === 'newline' ? { line: this.lineNo + 1, character: 0 } : { line: this.lineNo, character: this.offset + this.text.length - this.lineStart };
      this.cachedRange = { start, end };
    }
    return this.cachedRange;
  }
}

/** Chevrotain offsets are relative to the line, which starts at `lineStart` in the file. */
function toConfToken(token: IToken, lineNo: number, lineStart: number): ConfToken {
  return new LineToken(kindOfTokenType[token.tokenType.name] ?? 'stray', token.image, lineStart + token.startOffset, lineNo, lineStart);
}

/** Looks up the tree token made for a Chevrotain token of the same (short) line. */
class LineTokens {
  constructor(
    private readonly raw: readonly IToken[],
    readonly tokens: readonly ConfToken[],
  ) {}

  get(token: IToken): ConfToken | undefined {
    const i = this.raw.indexOf(token);
    return i >= 0 ? this.tokens[i] : undefined;
  }
}

/** A value over its token; its range is the token's, built only when someone asks. */
class TokenValue implements ValueNode {
  constructor(
    readonly text: string,
    readonly raw: string,
    readonly quoting: ValueNode['quoting'],
    readonly token: ConfToken,
  ) {}

  get range(): TextRange {
    return this.token.range;
  }
}

function valueOf(token: IToken, confToken: ConfToken): ValueNode {
  const name = token.tokenType.name;
  const raw = token.image;
  if (name === 'Quoted') return new TokenValue(raw.slice(1, -1), raw, 'double', confToken);
  if (name === 'Braced') return new TokenValue(raw.slice(1, -1), raw, 'brace', confToken);
  return new TokenValue(raw, raw, 'bare', confToken);
}

/**
 * What a line's text always yields, whatever its place in the file: Chevrotain's tokens
 * (offsets relative to the line) and the line's shape. Configs repeat lines (`auto=add`,
 * the same `ike=` in every conn), and an editor re-parses a file whose lines are nearly all
 * unchanged, so readings are remembered by text.
 */
interface LineReading {
  readonly raw: readonly IToken[];
  readonly newline: IToken | undefined;
  /** Undefined when the grammar cannot read the line. */
  readonly shape: LineShape | undefined;
}

const EMPTY_SHAPE: LineShape = { kind: 'empty' };
const READINGS_LIMIT = 100_000;
const readings = new Map<string, LineReading>();
/**
 * Texts read once so far. A reading is kept only when its text comes round a second time:
 * a large file's unique lines (each conn's own addresses) would otherwise keep every
 * Chevrotain token alive, and the garbage collector would pay for it.
 */
const seenOnce = new Set<string>();

function readLine(lineText: string): LineReading {
  const known = readings.get(lineText);
  if (known) return known;
  const raw = confLexer.tokenize(lineText).tokens;
  const last = raw.length > 0 ? raw[raw.length - 1] : undefined;
  const newline = last && (last.tokenType.name === 'Newline' || last.tokenType.name === 'ValueNewline') ? raw.pop() : undefined;
  const significant = raw.length > 0 && raw[0].tokenType.name === 'Bom' ? raw.slice(1) : raw;
  const reading: LineReading = { raw, newline, shape: significant.length === 0 ? EMPTY_SHAPE : parseLineShape(significant) };
  if (seenOnce.has(lineText)) {
    if (readings.size >= READINGS_LIMIT) readings.clear();
    readings.set(lineText, reading);
  } else {
    if (seenOnce.size >= READINGS_LIMIT) seenOnce.clear();
    seenOnce.add(lineText);
  }
  return reading;
}

function buildLine(reading: LineReading, lineNo: number, lineStart: number, lineText: string): ConfLine {
  const { raw, newline, shape } = reading;
  const count = raw.length + (newline ? 1 : 0);
  const tokens: ConfToken[] = new Array(count);
  for (let i = 0; i < raw.length; i++) tokens[i] = toConfToken(raw[i], lineNo, lineStart);
  if (newline) tokens[raw.length] = toConfToken(newline, lineNo, lineStart);
  const byToken = new LineTokens(raw, tokens);
  const lineLength = newline ? newline.startOffset : lineText.length;
  const range: TextRange = { start: { line: lineNo, character: 0 }, end: { line: lineNo, character: lineLength } };
  const significant = raw.length > 0 && raw[0].tokenType.name === 'Bom' ? raw.slice(1) : raw;
  const base = { line: lineNo, tokens, range };
  if (!shape) {
    return { line: base.line, tokens: base.tokens, range: base.range, kind: 'error', message: describeBadLine(significant), errorRange: contentRange(significant, byToken, range) };
  }
  const c = (t: IToken | undefined): ConfToken | undefined => (t ? byToken.get(t) : undefined);
  const comment = c(shape.comment);
  switch (shape.kind) {
    case 'empty':
      return comment ? { line: base.line, tokens: base.tokens, range: base.range, kind: 'comment', comment } : { line: base.line, tokens: base.tokens, range: base.range, kind: 'blank' };
    case 'header':
      return headerLine(shape.words, comment, base, byToken);
    case 'indented-words': {
      const first = shape.words[0];
      if (commentKey.test(first.image) && shape.words.length === 1) {
        return { line: base.line, tokens: base.tokens, range: base.range, kind: 'assignment', indent: c(shape.indent)!, key: c(first)!, isCommentKey: true, comment };
      }
      const reserved = ['conn', 'config', 'include', 'version'].includes(first.image);
      const message = reserved
        ? `'${first.image}' must start in column 0: an indented line is read as a key=value line`
        : `expected '=' after '${first.image}': body lines are key=value`;
      return { line: base.line, tokens: base.tokens, range: base.range, kind: 'error', message, errorRange: contentRange(shape.words, byToken, range), comment };
    }
    case 'assignment': {
      const key = c(shape.key)!;
      const isCommentKey = commentKey.test(shape.key.image);
      // X- keys take the rest of the line raw, so extra words are part of their value.
      if (shape.extra.length > 0 && !isCommentKey) {
        const extraRange = contentRange(shape.extra, byToken, range);
        const message = shape.value
          ? `unexpected '${shape.extra[0].image}' after the value: one key=value per line; quote a value that contains spaces`
          : `unexpected '${shape.extra[0].image}' in the value`;
        return { line: base.line, tokens: base.tokens, range: base.range, kind: 'error', message, errorRange: extraRange, comment };
      }
      const value = shape.value ? valueOf(shape.value, c(shape.value)!) : undefined;
      const line: AssignmentLine = {
        line: base.line,
        tokens: base.tokens,
        range: base.range,
        kind: 'assignment',
        indent: c(shape.indent)!,
        key,
        equals: c(shape.equals),
        value: isCommentKey && shape.extra.length > 0 ? rawRestValue(shape, byToken, lineText, lineLength, lineNo) : value,
        isCommentKey,
        comment,
      };
      return line;
    }
  }
}

function rawRestValue(
  shape: Extract<LineShape, { kind: 'assignment' }>,
  byToken: LineTokens,
  lineText: string,
  lineLength: number,
  lineNo: number,
): ValueNode | undefined {
  const first = shape.value ?? shape.extra[0];
  const start = first.startOffset;
  const end = shape.comment ? shape.comment.startOffset : lineLength;
  const raw = lineText.slice(start, end).replace(/[ \t]+$/, '');
  const token = byToken.get(first)!;
  return { text: raw, raw, quoting: 'bare', token, range: { start: { line: lineNo, character: start }, end: { line: lineNo, character: start + raw.length } } };
}

function headerLine(
  words: readonly IToken[],
  comment: ConfToken | undefined,
  base: { line: number; tokens: readonly ConfToken[]; range: TextRange },
  byToken: LineTokens,
): ConfLine {
  const [first, second] = words;
  const keyword = byToken.get(first)!;
  const extraAfter = (n: number): ConfLine | undefined =>
    words.length > n
      ? {
          line: base.line,
          tokens: base.tokens,
          range: base.range,
          kind: 'error',
          message: `unexpected '${words[n].image}' after '${words.slice(0, n).map((w) => w.image).join(' ')}'`,
          errorRange: contentRange(words.slice(n), byToken, base.range),
          comment,
        }
      : undefined;
  const missing = (what: string): ConfLine => ({
    line: base.line,
    tokens: base.tokens,
    range: base.range,
    kind: 'error',
    message: `'${first.image}' needs ${what}`,
    errorRange: keyword.range,
    comment,
  });
  switch (first.image) {
    case 'config':
      if (second?.image !== 'setup') return missing("'setup' after it: the only config section is 'config setup'");
      return extraAfter(2) ?? { line: base.line, tokens: base.tokens, range: base.range, kind: 'setup-header', keyword, comment };
    case 'conn':
      if (!second) return missing('a name');
      return extraAfter(2) ?? { line: base.line, tokens: base.tokens, range: base.range, kind: 'conn-header', keyword, name: valueOf(second, byToken.get(second)!), comment };
    case 'include':
      if (!second) return missing('a file name or pattern');
      return extraAfter(2) ?? { line: base.line, tokens: base.tokens, range: base.range, kind: 'include', keyword, path: valueOf(second, byToken.get(second)!), comment };
    case 'version':
      if (!second) return missing('a value');
      return extraAfter(2) ?? { line: base.line, tokens: base.tokens, range: base.range, kind: 'version', keyword, value: valueOf(second, byToken.get(second)!), comment };
    default:
      return {
        line: base.line,
        tokens: base.tokens,
        range: base.range,
        kind: 'error',
        message: `'${first.image}' is not a section: a line in column 0 must be 'config setup', 'conn NAME', 'include FILE' or 'version N' (indent key=value lines)`,
        errorRange: keyword.range,
        comment,
      };
  }
}

function describeBadLine(tokens: readonly IToken[]): string {
  const first = tokens[0];
  const name = first.tokenType.name;
  if (name === 'Equals' || (name === 'Word' && tokens.some((t) => t.tokenType.name === 'Equals')))
    return 'a key=value line must be indented (start it with a space or a tab)';
  if (name === 'Stray' || tokens.some((t) => t.tokenType.name === 'Stray')) {
    const stray = tokens.find((t) => t.tokenType.name === 'Stray')!;
    return stray.image === '"' ? 'unterminated quote: a quoted value must close on the same line' : `unexpected '${stray.image}'`;
  }
  if (name === 'Indent' && tokens[1]?.tokenType.name === 'Equals') return "missing key before '='";
  return 'this line is not a section header, a key=value line or a comment';
}

function contentRange(tokens: readonly IToken[], byToken: LineTokens, fallback: TextRange): TextRange {
  const visible = tokens.filter((t) => !['Indent', 'Gap', 'Bom'].includes(t.tokenType.name));
  if (visible.length === 0) return fallback;
  return { start: byToken.get(visible[0])!.range.start, end: byToken.get(visible[visible.length - 1])!.range.end };
}

function groupSections(lines: readonly ConfLine[], errors: ConfSyntaxError[]): { preamble: ConfLine[]; sections: ConfSection[] } {
  const preamble: ConfLine[] = [];
  const sections: ConfSection[] = [];
  let body: ConfLine[] = preamble;
  for (const line of lines) {
    switch (line.kind) {
      case 'setup-header':
        body = [];
        sections.push({ kind: 'setup', header: line, body });
        break;
      case 'conn-header':
        body = [];
        sections.push({ kind: 'conn', header: line, name: line.name.text, body });
        break;
      case 'include':
        body = [];
        sections.push({ kind: 'include', header: line, body });
        break;
      case 'version':
        if (sections.length > 0) errors.push({ message: "'version' is only allowed before the first section", range: line.keyword.range });
        body = [];
        sections.push({ kind: 'version', header: line, body });
        break;
      case 'assignment':
        if (body === preamble || sections[sections.length - 1]?.kind === 'include' || sections[sections.length - 1]?.kind === 'version') {
          errors.push({ message: `'${line.key.text}=' is outside any section: put it under 'config setup' or a 'conn NAME'`, range: line.key.range });
        }
        body.push(line);
        break;
      default:
        body.push(line);
    }
  }
  return { preamble, sections };
}

/** Prints the tree back: the exact input text. */
export function printConf(file: ConfFile): string {
  let out = '';
  for (const line of file.lines) for (const token of line.tokens) out += token.text;
  return out;
}
