import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';

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
 * Patterns that need "end of line or end of input" are custom matchers, because
 * Chevrotain refuses `$` in token regular expressions. Every character lands in some
 * token (a catch-all included), so lexing never fails.
 */

/** Where a bare token may end: a blank, or only trailing white space until the line end. */
const TOKEN_END = String.raw`(?=[ \t]|[ \t\v\f\r]*(?:\n|$))`;

function sticky(source: string, flags = ''): RegExp {
  return new RegExp(source, `y${flags}`);
}

function matcher(re: RegExp): (text: string, offset: number) => CustomPatternMatcherReturn | null {
  return (text, offset) => {
    re.lastIndex = offset;
    const m = re.exec(text);
    // A zero-length match would stall the lexer; no pattern here wants one.
    return m !== null && m[0].length > 0 ? (m as CustomPatternMatcherReturn) : null;
  };
}

function customToken(name: string, source: string, startChars?: string[], flags = '', categories: TokenType[] = []): TokenType {
  return createToken({
    name,
    pattern: { exec: matcher(sticky(source, flags)) },
    line_breaks: false,
    ...(startChars ? { start_chars_hint: startChars } : {}),
    categories,
  });
}

/** Abstract categories the parser consumes. */
export const Significant = createToken({ name: 'Significant', pattern: Lexer.NA });
export const Operand = createToken({ name: 'Operand', pattern: Lexer.NA, categories: [Significant] });
export const AnyWord = createToken({ name: 'AnyWord', pattern: Lexer.NA, categories: [Operand] });

/** A UTF-8 byte order mark; only recognised as the first character of the file. */
export const Bom = createToken({
  name: 'Bom',
  pattern: { exec: (text: string, offset: number) => (offset === 0 && text.charCodeAt(0) === 0xfeff ? ['\uFEFF'] as unknown as CustomPatternMatcherReturn : null) },
  line_breaks: false,
  start_chars_hint: ['\uFEFF'],
});
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true });
/** Blanks between tokens, or any run of white space (\r \v \f included) that ends the line. */
export const Whitespace = customToken('Whitespace', String.raw`(?:[ \t\v\f]|\r(?!\n))+(?=\r?\n|$)|[ \t]+`, [' ', '\t', '\v', '\f', '\r']);
export const Comment = customToken('Comment', String.raw`#(?:[^\r\n]|\r(?!\n))*`, ['#']);
export const DoubleQuoted = customToken('DoubleQuoted', String.raw`"(?:[^"\r\n]|\r(?!\n))*"`, ['"'], '', [Operand]);
export const SingleQuoted = customToken('SingleQuoted', String.raw`'(?:[^'\r\n]|\r(?!\n))*'`, ["'"], '', [Operand]);
export const BackQuoted = customToken('BackQuoted', String.raw`\`(?:[^\`\r\n]|\r(?!\n))*\``, ['`'], '', [Operand]);
/** An opening quote without its partner on the line: Libreswan keeps the quote in the token. */
export const UnterminatedQuoted = customToken('UnterminatedQuoted', String.raw`["'\`][^\n]*?(?=[ \t\v\f\r]*(?:\n|$))`, ['"', "'", '`'], '', [Operand]);
/** `0t…` text data: the rest of the line, blanks and `#` included. */
export const TextData = customToken('TextData', String.raw`0t[^\n]*?(?=[ \t\v\f\r]*(?:\n|$))`, ['0'], '', [Operand]);
/** `:` standing alone, or split off the end of a bare token (`@west:`); `::` is two colons. */
export const Colon = customToken('Colon', `:(?=:?${TOKEN_END})`, [':'], '', [Significant]);

function keyword(name: string, word: string): TokenType {
  const first = word[0];
  return customToken(name, `${word}(?=:?${TOKEN_END})`, [first, first.toUpperCase()], 'i', [AnyWord]);
}

/** Kind words and `include` are case-insensitive in Libreswan (strcasecmp). */
export const Include = keyword('Include', 'include');
export const Psk = keyword('Psk', 'psk');
export const Xauth = keyword('Xauth', 'xauth');
export const Ppks = keyword('Ppks', 'ppks');
/** Any other bare token; it gives back one trailing `:` (see Colon). */
export const Word = customToken('Word', `[^ \\t\\n]+?(?=:?${TOKEN_END})`, undefined, '', [AnyWord]);
/** Never matched in practice (Word takes any non-blank); it keeps the lexer total. */
export const Stray = createToken({ name: 'Stray', pattern: /[\s\S]/, line_breaks: true, categories: [Operand] });

export const secretsTokenTypes: TokenType[] = [
  Bom, Newline, Whitespace, Comment,
  DoubleQuoted, SingleQuoted, BackQuoted, UnterminatedQuoted,
  TextData, Colon, Include, Psk, Xauth, Ppks, Word, Stray,
  Significant, Operand, AnyWord,
];

export const secretsLexer = new Lexer(secretsTokenTypes, {
  positionTracking: 'onlyOffset',
  // Word has no first-character hint (it takes almost anything), so Chevrotain cannot
  // build its first-character table; that only costs speed, so don't warn about it.
  ensureOptimizations: false,
});
