import { createToken, Lexer, type CustomPatternMatcherReturn, type ILexingResult, type TokenType } from 'chevrotain';

/*
 * Token types for ipsec.secrets, modelled on Libreswan's shared control-file scanner
 * (lib/libswan/lex.c), which ipsec.secrets and the policy group files both use:
 *  - a token ends at a blank (space or tab) or at the end of the line; trailing white
 *    space of a line (isspace, so \r \v \f too) is stripped before scanning;
 *  - a bare token that ends in `:` gives the `:` back as a token of its own, so
 *    `@west: PSK` works, while `:PSK` stays one (wrong) token;
 *  - `#` opens a comment only where a token could start (line start, after a blank,
 *    after a closing quote); `abc#def` is one token;
 *  - a token starting with lower-case `0t` runs to the end of the line (text data may
 *    hold blanks); the scanner does not do this for `0T`;
 *  - quotes are `"…"`, `'…'` or `` `…` `` on one line, without escapes; an unterminated
 *    one runs to the end of the line.
 * The matchers are hand-written rather than regular expressions: "up to the trailing
 * white space of this line" as a lazy regex rescans that white space at every step,
 * which turns a long line of blanks quadratic. Every character lands in some token (a
 * catch-all included), so lexing never fails.
 */

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
const isBlank = (c: string): boolean => c === ' ' || c === '\t';

interface LineBounds {
  readonly text: string;
  readonly from: number;
  /** Index of the `\n` ending the line, or the text length. */
  readonly end: number;
  /** Where the line break starts: the `\r` of a CRLF, else `end`. */
  readonly breakStart: number;
  /** End of the line once trailing white space is stripped (never before `from`). */
  readonly contentEnd: number;
}

// Tokens are matched left to right, so one line's bounds serve all of its tokens.
let lineCache: LineBounds | undefined;

function lineBounds(text: string, offset: number): LineBounds {
  const c = lineCache;
  if (c !== undefined && c.text === text && offset >= c.from && offset <= c.end) return c;
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  const breakStart = nl > offset && text[nl - 1] === '\r' ? nl - 1 : end;
  let contentEnd = end;
  while (contentEnd > offset && isSpace(text[contentEnd - 1])) contentEnd--;
  lineCache = { text, from: offset, end, breakStart, contentEnd };
  return lineCache;
}

type Matcher = (text: string, offset: number) => CustomPatternMatcherReturn | null;

function image(text: string, start: number, end: number): CustomPatternMatcherReturn | null {
  return end > start ? ([text.slice(start, end)] as unknown as CustomPatternMatcherReturn) : null;
}

/** The end of the bare token starting at `offset`, before any split-off `:`. */
function bareRunEnd(text: string, offset: number): number {
  const { contentEnd } = lineBounds(text, offset);
  let end = offset;
  while (end < contentEnd && !isBlank(text[end])) end++;
  return end;
}

function bareTokenEnd(text: string, offset: number): number {
  const end = bareRunEnd(text, offset);
  return end - offset > 1 && text[end - 1] === ':' ? end - 1 : end;
}

const matchWhitespace: Matcher = (text, offset) => {
  const line = lineBounds(text, offset);
  // Once only white space is left, all of it up to the line break is one token.
  if (offset >= line.contentEnd) return image(text, offset, line.breakStart);
  let end = offset;
  while (end < line.contentEnd && isBlank(text[end])) end++;
  return image(text, offset, end);
};

const matchComment: Matcher = (text, offset) => (text[offset] === '#' ? image(text, offset, lineBounds(text, offset).breakStart) : null);

function matchQuoted(quote: string): Matcher {
  return (text, offset) => {
    if (text[offset] !== quote) return null;
    // Search this line only: indexOf would run to the end of the file for every unclosed quote.
    const { contentEnd } = lineBounds(text, offset);
    for (let i = offset + 1; i < contentEnd; i++) if (text[i] === quote) return image(text, offset, i + 1);
    return null;
  };
}

/** Only called where no terminated quote matched: the opening quote runs to the line end. */
const matchUnterminated: Matcher = (text, offset) => {
  const c = text[offset];
  return c === '"' || c === "'" || c === '`' ? image(text, offset, lineBounds(text, offset).contentEnd) : null;
};

const matchTextData: Matcher = (text, offset) =>
  text.startsWith('0t', offset) ? image(text, offset, lineBounds(text, offset).contentEnd) : null;

/** `:` standing alone, or split off the end of a bare token; `::` is two colons. */
const matchColon: Matcher = (text, offset) => {
  if (text[offset] !== ':') return null;
  const run = bareRunEnd(text, offset) - offset;
  return run === 1 || (run === 2 && text[offset + 1] === ':') ? image(text, offset, offset + 1) : null;
};

const matchWord: Matcher = (text, offset) => image(text, offset, bareTokenEnd(text, offset));

function matchKeyword(word: string): Matcher {
  return (text, offset) => {
    const end = bareTokenEnd(text, offset);
    return end - offset === word.length && text.slice(offset, end).toLowerCase() === word ? image(text, offset, end) : null;
  };
}

function customToken(name: string, exec: Matcher, startChars: string[] | undefined, categories: TokenType[] = []): TokenType {
  return createToken({ name, pattern: { exec }, line_breaks: false, categories, ...(startChars ? { start_chars_hint: startChars } : {}) });
}

/** Abstract categories the parser consumes. */
export const Significant = createToken({ name: 'Significant', pattern: Lexer.NA });
export const Operand = createToken({ name: 'Operand', pattern: Lexer.NA, categories: [Significant] });
export const AnyWord = createToken({ name: 'AnyWord', pattern: Lexer.NA, categories: [Operand] });

/** A UTF-8 byte order mark; only recognised as the first character of the file. */
export const Bom = customToken('Bom', (text, offset) => (offset === 0 && text.charCodeAt(0) === 0xfeff ? image(text, 0, 1) : null), ['\uFEFF']);
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true });
/** Blanks between tokens, or any run of white space (\r \v \f included) that ends the line. */
export const Whitespace = customToken('Whitespace', matchWhitespace, [' ', '\t', '\v', '\f', '\r']);
export const Comment = customToken('Comment', matchComment, ['#']);
export const DoubleQuoted = customToken('DoubleQuoted', matchQuoted('"'), ['"'], [Operand]);
export const SingleQuoted = customToken('SingleQuoted', matchQuoted("'"), ["'"], [Operand]);
export const BackQuoted = customToken('BackQuoted', matchQuoted('`'), ['`'], [Operand]);
/** An opening quote without its partner on the line: Libreswan keeps the quote in the token. */
export const UnterminatedQuoted = customToken('UnterminatedQuoted', matchUnterminated, ['"', "'", '`'], [Operand]);
/** `0t…` text data: the rest of the line, blanks and `#` included. */
export const TextData = customToken('TextData', matchTextData, ['0'], [Operand]);
export const Colon = customToken('Colon', matchColon, [':'], [Significant]);

function keyword(name: string, word: string): TokenType {
  return customToken(name, matchKeyword(word), [word[0], word[0].toUpperCase()], [AnyWord]);
}

/** Kind words and `include` are case-insensitive in Libreswan (strcasecmp). */
export const Include = keyword('Include', 'include');
export const Psk = keyword('Psk', 'psk');
export const Xauth = keyword('Xauth', 'xauth');
export const Ppks = keyword('Ppks', 'ppks');
/** Any other bare token; it gives back one trailing `:` (see Colon). */
export const Word = customToken('Word', matchWord, undefined, [AnyWord]);
/** Never matched in practice (Word takes any non-blank); it keeps the lexer total. */
export const Stray = createToken({ name: 'Stray', pattern: /[\s\S]/, line_breaks: true, categories: [Operand] });

export const secretsTokenTypes: TokenType[] = [
  Bom, Newline, Whitespace, Comment,
  DoubleQuoted, SingleQuoted, BackQuoted, UnterminatedQuoted,
  TextData, Colon, Include, Psk, Xauth, Ppks, Word, Stray,
  Significant, Operand, AnyWord,
];

/** Built when the first secrets or policy file is read: a run over ipsec.conf alone never pays for it. */
let controlFileLexer: Lexer | undefined;

/** Lexes ipsec.secrets or a policy group file the way Libreswan's scanner cuts tokens. */
export function tokenizeControlFile(text: string): ILexingResult {
  lineCache = undefined;
  try {
    controlFileLexer ??= new Lexer(secretsTokenTypes, {
      positionTracking: 'onlyOffset',
      // Word has no first-character hint (it takes almost anything), so Chevrotain cannot
      // build its first-character table; that only costs speed, so don't warn about it.
      ensureOptimizations: false,
    });
    return controlFileLexer.tokenize(text);
  } finally {
    // Don't keep a large document alive through the cache.
    lineCache = undefined;
  }
}
