import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';

/*
 * ipsec.conf is line-oriented and context-sensitive in three places that a plain regular
 * lexer gets wrong, so those tokens use custom matchers:
 *  - leading white space is an indent (it makes a line a body line), anywhere else it is a gap;
 *  - `#` opens a comment only at the start of a line or after white space
 *    (Libreswan keeps `left=1.2.3.4#c` as the value `1.2.3.4#c`);
 *  - after `=` the rest of the line is a value, where `=` is an ordinary character.
 * Every byte lands in some token (a catch-all `Stray` token included), so the lexer
 * never fails and the tree built on it can print the input back.
 */

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || text[offset - 1] === '\n' || (offset === 1 && text.charCodeAt(0) === 0xfeff);
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v' || ch === '\r';
}

const blankRun = /[ \t\f\v\r]+/y;
const commentRun = /#[^\n]*/y;

function matchSticky(re: RegExp, text: string, offset: number): CustomPatternMatcherReturn | null {
  re.lastIndex = offset;
  const m = re.exec(text);
  // A lone \r is only a blank when it is not the first half of a CRLF.
  if (m && m[0].endsWith('\r') && text[offset + m[0].length] === '\n') {
    const trimmed = m[0].slice(0, -1);
    return trimmed.length > 0 ? ([trimmed] as unknown as CustomPatternMatcherReturn) : null;
  }
  return m as CustomPatternMatcherReturn | null;
}

function matchIndent(text: string, offset: number): CustomPatternMatcherReturn | null {
  return atLineStart(text, offset) ? matchSticky(blankRun, text, offset) : null;
}

function matchComment(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text[offset] !== '#') return null;
  if (!atLineStart(text, offset) && !isBlank(text[offset - 1])) return null;
  commentRun.lastIndex = offset;
  const m = commentRun.exec(text);
  if (m && m[0].endsWith('\r')) return [m[0].slice(0, -1)] as unknown as CustomPatternMatcherReturn;
  return m as CustomPatternMatcherReturn | null;
}

export const Bom = createToken({ name: 'Bom', pattern: /\uFEFF/ });
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true });
/** Ends a value: the same text as Newline, but it leaves the value mode. */
export const ValueNewline = createToken({
  name: 'ValueNewline',
  pattern: /\r?\n/,
  line_breaks: true,
  pop_mode: true,
  categories: [Newline],
});
export const Indent = createToken({ name: 'Indent', pattern: { exec: matchIndent }, line_breaks: false, start_chars_hint: [' ', '\t', '\f', '\v', '\r'] });
export const Gap = createToken({ name: 'Gap', pattern: /[ \t\f\v]+|\r(?!\n)/ });
export const Comment = createToken({ name: 'Comment', pattern: { exec: matchComment }, line_breaks: false, start_chars_hint: ['#'] });
export const Equals = createToken({ name: 'Equals', pattern: /=/, push_mode: 'value' });
/** `"…"` on one line; quotes are not escapable in ipsec.conf. */
export const Quoted = createToken({ name: 'Quoted', pattern: /"[^"\n]*"/ });
/** `{…}` on one line, without quotes inside. */
export const Braced = createToken({ name: 'Braced', pattern: /\{[^"\n}]*\}/ });
const keyRun = /[^"=\s]+/y;
const headerRun = /[^"\s]+/y;

/** True when the line holding `offset` starts in column 0 (a header line, not a body line). */
function onHeaderLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const first = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart;
  return !isBlank(text[first]);
}

function matchWord(text: string, offset: number): CustomPatternMatcherReturn | null {
  // On a header line `=` is an ordinary character: `conn ikev1-dpdtimeout=10s` is a valid name.
  return matchSticky(onHeaderLine(text, offset) ? headerRun : keyRun, text, offset);
}

/** A keyword, section word or bare name: anything but quotes and blanks (and `=` on body lines). */
export const Word = createToken({ name: 'Word', pattern: { exec: matchWord }, line_breaks: false });
/** In a value, `=` and `"` inside a bare run are ordinary characters. */
export const BareValue = createToken({ name: 'BareValue', pattern: /[^ \t\f\v\r\n"{][^ \t\f\v\r\n]*|\{[^ \t\f\v\r\n]*|"[^ \t\f\v\r\n]*/ });
/** Whatever else: a lone quote and the like. Kept so no byte is lost. */
export const Stray = createToken({ name: 'Stray', pattern: /[^\n]/ });

export const allTokenTypes: TokenType[] = [Bom, Newline, ValueNewline, Indent, Gap, Comment, Equals, Quoted, Braced, Word, BareValue, Stray];

let lexer: Lexer | undefined;

/**
 * The lexer, built on first use: the fast line scanner reads almost every line, so most runs
 * never need it, and building it is a measurable part of a small file's start-up.
 */
export function confLexer(): Lexer {
  lexer ??= new Lexer(
    {
      modes: {
        line: [Bom, Newline, Indent, Gap, Comment, Equals, Quoted, Braced, Word, Stray],
        value: [ValueNewline, Gap, Comment, Quoted, Braced, BareValue, Stray],
      },
      defaultMode: 'line',
    },
    // Lines and columns come from the tree builder; Chevrotain only needs to track offsets.
    { positionTracking: 'onlyOffset', ensureOptimizations: false, skipValidations: true },
  );
  return lexer;
}
