import type { TextRange } from '../text-range';
import { isPlainLine, scanCommonLine } from './fast-line-scanner';
import { readLineWithChevrotain } from '../lazy-grammar';
import type { LineReading, ReadingShape } from './line-reading';
import type {
  AssignmentLine,
  BlankLine,
  CommentLine,
  ConnHeaderLine,
  SetupHeaderLine,
  ConfFile,
  ConfLine,
  ConfSection,
  ConfSyntaxError,
  ConfToken,
  ConfTokenKind,
  ValueNode,
} from './syntax-tree';

/** `X-foo` / `x_foo` keys are comments to Libreswan. */
const commentKey = /^[Xx][-_]/;

/**
 * Parses ipsec.conf text into a lossless tree. Never throws: lines the grammar cannot read
 * become error lines (with every byte kept) and an entry in `errors`.
 */
export function parseConf(text: string): ConfFile {
  return parseLines(text, true);
}

/**
 * The same tree with every line a plain object holding all its tokens: the reference the
 * compact nodes are held to (test/grammar/compact-tree.test.ts).
 */
export function parseConfEagerly(text: string): ConfFile {
  return parseLines(text, false);
}

function parseLines(text: string, compact: boolean): ConfFile {
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
    const last = reading.kinds.length - 1;
    if (last >= 0 && reading.kinds[last] === 'newline') {
      if (lineText.length - reading.starts[last] === 2) crlf++;
      else lf++;
    }
    const line = (compact ? commonLine(reading, lines.length, lineStart, lineEnd, text) : undefined) ?? buildLine(reading, lines.length, lineStart, lineText);
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

/**
 * A bare value is its own token: its text is its raw spelling, so one object serves as both
 * the value node and the token under it (one object fewer on nearly every line of a file).
 */
class BareValueToken extends LineToken implements ValueNode {
  get raw(): string {
    return this.text;
  }
  get quoting(): 'bare' {
    return 'bare';
  }
  get token(): ConfToken {
    return this;
  }
}

/** The value node of token `i` of a compact line. */
function valueAt(reading: LineReading, i: number, lineNo: number, lineStart: number, lineText: string): ValueNode {
  const kind = reading.kinds[i];
  if (kind === 'quoted' || kind === 'braced') return valueOf(tokenAt(reading, i, lineNo, lineStart, lineText));
  const start = reading.starts[i];
  const end = i + 1 < reading.kinds.length ? reading.starts[i + 1] : lineText.length;
  return new BareValueToken(kind, lineText.slice(start, end), lineStart + start, lineNo, lineStart);
}

/** The tree's tokens of one line, made from its reading; a token ends where the next starts. */
function lineTokens(reading: LineReading, lineNo: number, lineStart: number, lineText: string): ConfToken[] {
  const count = reading.kinds.length;
  const tokens: ConfToken[] = new Array(count);
  for (let i = 0; i < count; i++) tokens[i] = tokenAt(reading, i, lineNo, lineStart, lineText);
  return tokens;
}

function tokenAt(reading: LineReading, i: number, lineNo: number, lineStart: number, lineText: string): LineToken {
  const { kinds, starts } = reading;
  const start = starts[i];
  const end = i + 1 < kinds.length ? starts[i + 1] : lineText.length;
  return new LineToken(kinds[i], lineText.slice(start, end), lineStart + start, lineNo, lineStart);
}

/*
 * The compact tree. Nearly every line of a file is a blank line, a comment, a section header
 * or a plain `key=value`; such a line keeps its place in the document (start and end
 * offsets) and makes its tokens and ranges only when asked (the formatter, semantic tokens
 * and fixes ask; the linter mostly does not). What everything reads stays eager: an
 * assignment's key and value, a conn header's name. The tokens made later hold those very
 * objects, so `line.tokens[i] === line.key` holds as before. On 10,000 conns this halved the
 * tree (827 → about 400 bytes a line) and the garbage the parse leaves.
 */
abstract class CommonLine {
  private cachedTokens: ConfToken[] | undefined = undefined;
  private cachedRange: TextRange | undefined = undefined;

  constructor(
    readonly line: number,
    private readonly doc: string,
    private readonly lineStart: number,
    private readonly lineEnd: number,
    /** Kept only when shared or dear to make again (see `lastReadingKept`). */
    private readingKept: LineReading | undefined,
  ) {}

  protected get reading(): LineReading {
    return this.readingKept ?? rereadLine(this.doc.slice(this.lineStart, this.lineEnd));
  }

  /** The eager tokens this line holds, by index in its reading. */
  protected abstract known(index: number): ConfToken | undefined;

  get tokens(): readonly ConfToken[] {
    if (this.cachedTokens === undefined) {
      const reading = this.reading;
      const lineText = this.doc.slice(this.lineStart, this.lineEnd);
      const count = reading.kinds.length;
      const tokens: ConfToken[] = new Array(count);
      for (let i = 0; i < count; i++) tokens[i] = this.known(i) ?? tokenAt(reading, i, this.line, this.lineStart, lineText);
      this.cachedTokens = tokens;
      this.readingKept = reading;
    }
    return this.cachedTokens;
  }

  get range(): TextRange {
    if (this.cachedRange === undefined) {
      // A reading that was not kept came from the scanner, which reads no carriage return: the newline is one character.
      const r = this.readingKept;
      const last = r ? r.kinds.length - 1 : -1;
      const hasNewline = this.lineEnd > this.lineStart && this.doc.charCodeAt(this.lineEnd - 1) === 10;
      const length = r ? (last >= 0 && r.kinds[last] === 'newline' ? r.starts[last] : this.lineEnd - this.lineStart) : this.lineEnd - this.lineStart - (hasNewline ? 1 : 0);
      this.cachedRange = { start: { line: this.line, character: 0 }, end: { line: this.line, character: length } };
    }
    return this.cachedRange;
  }

  /** The line's text, newline included, when it is plain (see `plainLineText`). */
  plainText(): string | undefined {
    const text = this.doc.slice(this.lineStart, this.lineEnd);
    return isPlainLine(text) ? text : undefined;
  }

  protected token(index: number | undefined): ConfToken | undefined {
    return index === undefined ? undefined : this.tokens[index];
  }
}

class BlankNode extends CommonLine implements BlankLine {
  readonly kind = 'blank';
  get comment(): undefined {
    return undefined;
  }
  protected known(): undefined {
    return undefined;
  }
}

class CommentNode extends CommonLine implements CommentLine {
  readonly kind = 'comment';
  constructor(line: number, doc: string, lineStart: number, lineEnd: number, reading: LineReading | undefined, private readonly commentIndex: number) {
    super(line, doc, lineStart, lineEnd, reading);
  }
  get comment(): ConfToken {
    return this.token(this.commentIndex) as ConfToken;
  }
  protected known(): undefined {
    return undefined;
  }
}

class AssignmentNode extends CommonLine implements AssignmentLine {
  readonly kind = 'assignment';
  constructor(
    line: number,
    doc: string,
    lineStart: number,
    lineEnd: number,
    reading: LineReading | undefined,
    private readonly shape: Extract<ReadingShape, { kind: 'assignment' }>,
    readonly key: ConfToken,
    readonly value: ValueNode | undefined,
    readonly isCommentKey: boolean,
  ) {
    super(line, doc, lineStart, lineEnd, reading);
  }
  get indent(): ConfToken {
    return this.token(this.shape.indent) as ConfToken;
  }
  get equals(): ConfToken | undefined {
    return this.token(this.shape.equals);
  }
  get comment(): ConfToken | undefined {
    return this.token(this.shape.comment);
  }
  protected known(index: number): ConfToken | undefined {
    if (index === this.shape.key) return this.key;
    if (index === this.shape.value) return this.value?.token;
    return undefined;
  }
}

class ConnHeaderNode extends CommonLine implements ConnHeaderLine {
  readonly kind = 'conn-header';
  constructor(
    line: number,
    doc: string,
    lineStart: number,
    lineEnd: number,
    reading: LineReading | undefined,
    private readonly shape: Extract<ReadingShape, { kind: 'header' }>,
    readonly name: ValueNode,
  ) {
    super(line, doc, lineStart, lineEnd, reading);
  }
  get keyword(): ConfToken {
    return this.token(this.shape.words[0]) as ConfToken;
  }
  get comment(): ConfToken | undefined {
    return this.token(this.shape.comment);
  }
  protected known(index: number): ConfToken | undefined {
    return index === this.shape.words[1] ? this.name.token : undefined;
  }
}

class SetupHeaderNode extends CommonLine implements SetupHeaderLine {
  readonly kind = 'setup-header';
  constructor(line: number, doc: string, lineStart: number, lineEnd: number, reading: LineReading | undefined, private readonly shape: Extract<ReadingShape, { kind: 'header' }>) {
    super(line, doc, lineStart, lineEnd, reading);
  }
  get keyword(): ConfToken {
    return this.token(this.shape.words[0]) as ConfToken;
  }
  get comment(): ConfToken | undefined {
    return this.token(this.shape.comment);
  }
  protected known(): undefined {
    return undefined;
  }
}

/**
 * The text of a compact line (newline included) when it is plain ASCII without quotes,
 * braces, carriage returns or form feeds; undefined for any other line. Such a line's white
 * space is spaces and tabs, its newline is `\n` (or none, at the end of the file), and a
 * printer can write it from its key, value and comment without making its tokens.
 */
export function plainLineText(line: ConfLine): string | undefined {
  return line instanceof CommonLine ? line.plainText() : undefined;
}

/** The line as a compact node when it is one of the common kinds; undefined sends it to `buildLine`. */
function commonLine(reading: LineReading, lineNo: number, lineStart: number, lineEnd: number, doc: string): ConfLine | undefined {
  const { shape } = reading;
  if (!shape) return undefined;
  const kept = lastReadingKept ? reading : undefined;
  switch (shape.kind) {
    case 'empty':
      return shape.comment === undefined ? new BlankNode(lineNo, doc, lineStart, lineEnd, kept) : new CommentNode(lineNo, doc, lineStart, lineEnd, kept, shape.comment);
    case 'assignment': {
      if (shape.extra.length > 0) return undefined;
      const lineText = doc.slice(lineStart, lineEnd);
      const key = tokenAt(reading, shape.key, lineNo, lineStart, lineText);
      const value = shape.value !== undefined ? valueAt(reading, shape.value, lineNo, lineStart, lineText) : undefined;
      return new AssignmentNode(lineNo, doc, lineStart, lineEnd, kept, shape, key, value, commentKey.test(key.text));
    }
    case 'header': {
      if (shape.words.length !== 2) return undefined;
      const lineText = doc.slice(lineStart, lineEnd);
      const { kinds, starts } = reading;
      const first = shape.words[0];
      const firstEnd = first + 1 < kinds.length ? starts[first + 1] : lineText.length;
      const keyword = lineText.slice(starts[first], firstEnd);
      if (keyword === 'conn') {
        const name = valueAt(reading, shape.words[1], lineNo, lineStart, lineText);
        return new ConnHeaderNode(lineNo, doc, lineStart, lineEnd, kept, shape, name);
      }
      if (keyword === 'config' && lineText.slice(starts[shape.words[1]], shape.words[1] + 1 < kinds.length ? starts[shape.words[1] + 1] : lineText.length) === 'setup') {
        return new SetupHeaderNode(lineNo, doc, lineStart, lineEnd, kept, shape);
      }
      return undefined;
    }
    default:
      return undefined;
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

function valueOf(token: ConfToken): ValueNode {
  const raw = token.text;
  if (token.kind === 'quoted') return new TokenValue(raw.slice(1, -1), raw, 'double', token);
  if (token.kind === 'braced') return new TokenValue(raw.slice(1, -1), raw, 'brace', token);
  return new TokenValue(raw, raw, 'bare', token);
}

/*
 * Configs repeat lines (`auto=add`, the same `ike=` in every conn), and an editor re-parses a
 * file whose lines are nearly all unchanged, so readings are remembered by text.
 */
const READINGS_LIMIT = 100_000;
const readings = new Map<string, LineReading>();
/**
 * Texts read once so far. A reading is kept only when its text comes round a second time:
 * a large file's unique lines (each conn's own addresses) would otherwise fill the map.
 */
const seenOnce = new Set<string>();

/**
 * Whether the last reading `readLine` returned is cheap to keep in a tree line: a remembered
 * one is shared anyway, and one of Chevrotain's is dear to make again. A fresh reading of the
 * scanner is dropped and made again should someone ask for the line's tokens.
 */
let lastReadingKept = false;

/**
 * Whether the scanner's readings are remembered too. They pay off when the same document is
 * read again (an editor re-parses on every keystroke: 5,200 lines in 7 ms instead of 15);
 * a one-shot process reads each file once, and there the look-ups by line text and the copies
 * the memory keeps cost more than scanning the line (`ipsec-lint` turns this off). Chevrotain's
 * readings, dear to make, are remembered either way.
 */
let rememberScanned = true;

export function rememberScannedLines(remember: boolean): void {
  rememberScanned = remember;
}

function readLine(lineText: string): LineReading {
  if (!rememberScanned) {
    const scanned = scanCommonLine(lineText);
    if (scanned) {
      lastReadingKept = false;
      return scanned;
    }
  }
  const known = readings.get(lineText);
  if (known) {
    lastReadingKept = true;
    return known;
  }
  // The hand-written scanner reads the common lines; Chevrotain, the grammar of record, the rest.
  const scanned = scanCommonLine(lineText);
  const reading = scanned ?? readLineWithChevrotain(lineText);
  lastReadingKept = scanned === undefined;
  if (seenOnce.has(lineText)) {
    if (readings.size >= READINGS_LIMIT) readings.clear();
    readings.set(ownCopy(lineText), reading);
  } else {
    if (seenOnce.size >= READINGS_LIMIT) seenOnce.clear();
    seenOnce.add(ownCopy(lineText));
  }
  return reading;
}

/** A line read again for its tokens, without counting it as seen once more. */
function rereadLine(lineText: string): LineReading {
  return readings.get(lineText) ?? scanCommonLine(lineText) ?? readLineWithChevrotain(lineText);
}

/**
 * A line's text that does not hold on to the document it was cut from. V8 keeps a slice as
 * a view into its parent string, so a remembered slice kept every edited version of an open
 * document alive (about its size per keystroke in the language server). Concatenation
 * followed by a slice makes V8 copy the characters into a string of the line's own size.
 */
function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/** The indices of the line's tokens other than its BOM and newline. */
function significantIndices(kinds: readonly ConfTokenKind[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < kinds.length; i++) if (kinds[i] !== 'bom' && kinds[i] !== 'newline') out.push(i);
  return out;
}

function buildLine(reading: LineReading, lineNo: number, lineStart: number, lineText: string): ConfLine {
  const { kinds, shape } = reading;
  const tokens = lineTokens(reading, lineNo, lineStart, lineText);
  const hasNewline = kinds.length > 0 && kinds[kinds.length - 1] === 'newline';
  const lineLength = hasNewline ? reading.starts[kinds.length - 1] : lineText.length;
  const range: TextRange = { start: { line: lineNo, character: 0 }, end: { line: lineNo, character: lineLength } };
  const base = { line: lineNo, tokens, range };
  if (!shape) {
    const significant = significantIndices(kinds);
    return { line: base.line, tokens: base.tokens, range: base.range, kind: 'error', message: describeBadLine(significant, tokens), errorRange: contentRange(significant, tokens, range) };
  }
  const comment = shape.comment === undefined ? undefined : tokens[shape.comment];
  switch (shape.kind) {
    case 'empty':
      return comment ? { line: base.line, tokens: base.tokens, range: base.range, kind: 'comment', comment } : { line: base.line, tokens: base.tokens, range: base.range, kind: 'blank' };
    case 'header':
      return headerLine(shape.words, comment, base);
    case 'indented-words': {
      const first = tokens[shape.words[0]];
      if (commentKey.test(first.text) && shape.words.length === 1) {
        return { line: base.line, tokens: base.tokens, range: base.range, kind: 'assignment', indent: tokens[shape.indent], key: first, isCommentKey: true, comment };
      }
      const reserved = ['conn', 'config', 'include', 'version'].includes(first.text);
      const message = reserved
        ? `'${first.text}' must start in column 0: an indented line is read as a key=value line`
        : `expected '=' after '${first.text}': body lines are key=value`;
      return { line: base.line, tokens: base.tokens, range: base.range, kind: 'error', message, errorRange: contentRange(shape.words, tokens, range), comment };
    }
    case 'assignment': {
      const key = tokens[shape.key];
      const isCommentKey = commentKey.test(key.text);
      // X- keys take the rest of the line raw, so extra words are part of their value.
      if (shape.extra.length > 0 && !isCommentKey) {
        const extraRange = contentRange(shape.extra, tokens, range);
        const message = shape.value !== undefined
          ? `unexpected '${tokens[shape.extra[0]].text}' after the value: one key=value per line; quote a value that contains spaces`
          : `unexpected '${tokens[shape.extra[0]].text}' in the value`;
        return { line: base.line, tokens: base.tokens, range: base.range, kind: 'error', message, errorRange: extraRange, comment };
      }
      const value = shape.value !== undefined ? valueOf(tokens[shape.value]) : undefined;
      const line: AssignmentLine = {
        line: base.line,
        tokens: base.tokens,
        range: base.range,
        kind: 'assignment',
        indent: tokens[shape.indent],
        key,
        equals: shape.equals === undefined ? undefined : tokens[shape.equals],
        value: isCommentKey && shape.extra.length > 0 ? rawRestValue(shape, reading, tokens, lineText, lineLength, lineNo) : value,
        isCommentKey,
        comment,
      };
      return line;
    }
  }
}

function rawRestValue(
  shape: Extract<ReadingShape, { kind: 'assignment' }>,
  reading: LineReading,
  tokens: readonly ConfToken[],
  lineText: string,
  lineLength: number,
  lineNo: number,
): ValueNode | undefined {
  const first = shape.value ?? shape.extra[0];
  const start = reading.starts[first];
  const end = shape.comment !== undefined ? reading.starts[shape.comment] : lineLength;
  const raw = lineText.slice(start, end).replace(/[ \t]+$/, '');
  const token = tokens[first];
  return { text: raw, raw, quoting: 'bare', token, range: { start: { line: lineNo, character: start }, end: { line: lineNo, character: start + raw.length } } };
}

function headerLine(words: readonly number[], comment: ConfToken | undefined, base: { line: number; tokens: readonly ConfToken[]; range: TextRange }): ConfLine {
  const { tokens } = base;
  const first = tokens[words[0]];
  const second = words.length > 1 ? tokens[words[1]] : undefined;
  const keyword = first;
  const extraAfter = (n: number): ConfLine | undefined =>
    words.length > n
      ? {
          line: base.line,
          tokens: base.tokens,
          range: base.range,
          kind: 'error',
          message: `unexpected '${tokens[words[n]].text}' after '${words.slice(0, n).map((w) => tokens[w].text).join(' ')}'`,
          errorRange: contentRange(words.slice(n), tokens, base.range),
          comment,
        }
      : undefined;
  const missing = (what: string): ConfLine => ({
    line: base.line,
    tokens: base.tokens,
    range: base.range,
    kind: 'error',
    message: `'${first.text}' needs ${what}`,
    errorRange: keyword.range,
    comment,
  });
  switch (first.text) {
    case 'config':
      if (second?.text !== 'setup') return missing("'setup' after it: the only config section is 'config setup'");
      return extraAfter(2) ?? { line: base.line, tokens: base.tokens, range: base.range, kind: 'setup-header', keyword, comment };
    case 'conn':
      if (!second) return missing('a name');
      return extraAfter(2) ?? { line: base.line, tokens: base.tokens, range: base.range, kind: 'conn-header', keyword, name: valueOf(second), comment };
    case 'include':
      if (!second) return missing('a file name or pattern');
      return extraAfter(2) ?? { line: base.line, tokens: base.tokens, range: base.range, kind: 'include', keyword, path: valueOf(second), comment };
    case 'version':
      if (!second) return missing('a value');
      return extraAfter(2) ?? { line: base.line, tokens: base.tokens, range: base.range, kind: 'version', keyword, value: valueOf(second), comment };
    default:
      return {
        line: base.line,
        tokens: base.tokens,
        range: base.range,
        kind: 'error',
        message: `'${first.text}' is not a section: a line in column 0 must be 'config setup', 'conn NAME', 'include FILE' or 'version N' (indent key=value lines)`,
        errorRange: keyword.range,
        comment,
      };
  }
}

function describeBadLine(significant: readonly number[], tokens: readonly ConfToken[]): string {
  // Only byte order marks: a second one is not the file's BOM, and Libreswan reads it as text.
  if (significant.length === 0) return 'a byte order mark is allowed only at the very start of the file';
  const first = tokens[significant[0]];
  const has = (kind: ConfTokenKind): boolean => significant.some((i) => tokens[i].kind === kind);
  if (first.kind === 'equals' || (first.kind === 'word' && has('equals'))) return 'a key=value line must be indented (start it with a space or a tab)';
  if (first.kind === 'stray' || has('stray')) {
    const stray = tokens[significant.find((i) => tokens[i].kind === 'stray')!];
    return stray.text === '"' ? 'unterminated quote: a quoted value must close on the same line' : `unexpected '${stray.text}'`;
  }
  if (first.kind === 'indent' && significant.length > 1 && tokens[significant[1]].kind === 'equals') return "missing key before '='";
  return 'this line is not a section header, a key=value line or a comment';
}

function contentRange(indices: readonly number[], tokens: readonly ConfToken[], fallback: TextRange): TextRange {
  const visible = indices.filter((i) => tokens[i].kind !== 'indent' && tokens[i].kind !== 'gap' && tokens[i].kind !== 'bom');
  if (visible.length === 0) return fallback;
  return { start: tokens[visible[0]].range.start, end: tokens[visible[visible.length - 1]].range.end };
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
