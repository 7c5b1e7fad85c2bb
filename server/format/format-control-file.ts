import type { TextRange } from '../../grammar/text-range';
import { BlankLineRun, type FormatOutcome } from './formatted-lines';

/*
 * ipsec.secrets and the policy group files are read by the same Libreswan scanner
 * (lib/libswan/lex.c), so one layout serves both:
 *  - a record starts with a token in column 0 and goes on over indented lines, so a line
 *    keeps being a first line (column 0) or a continuation (one indent);
 *  - blanks separate tokens and their number does not matter, so a run of them becomes one
 *    space; tokens written without a blank between them stay together (`@west: PSK`,
 *    `"secret"#comment`), since adding one could split or join tokens differently;
 *  - the scanner strips trailing white space before reading a line, so it goes;
 *  - a comment-only line inside a record (more continuation lines follow) is indented with
 *    it, any other comment line starts in column 0;
 *  - a run of blank lines becomes one; blank lines at the start and end of the file go.
 * Token texts are never changed: a secret is copied byte for byte.
 */

/** The token shape the secrets and policy trees share. */
export interface ControlFileToken {
  readonly kind: string;
  readonly text: string;
  readonly range: TextRange;
}

interface PhysicalLine {
  readonly tokens: readonly ControlFileToken[];
  readonly newline?: string;
}

interface ClassifiedLine {
  readonly kind: 'blank' | 'comment' | 'first' | 'continuation';
  readonly text: string;
  readonly newline?: string;
}

const isTrivia = (t: ControlFileToken): boolean => t.kind === 'whitespace' || t.kind === 'bom';

function splitLines(tokens: readonly ControlFileToken[]): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let current: ControlFileToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'newline') {
      lines.push({ tokens: current, newline: token.text });
      current = [];
    } else {
      current.push(token);
    }
  }
  lines.push({ tokens: current });
  return lines;
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/** Blanks between tokens must be spaces and tabs; anything else makes the line copied as it is. */
function innerWhiteSpaceIsPlain(tokens: readonly ControlFileToken[]): boolean {
  const lastToken = lastIndexWhere(tokens, (t) => !isTrivia(t));
  return tokens.every((t, i) => t.kind !== 'whitespace' || i > lastToken || /^[ \t]+$/.test(t.text));
}

function classify(line: PhysicalLine, indent: string): ClassifiedLine {
  const body = line.tokens.filter((t) => t.kind !== 'bom');
  const visible = body.filter((t) => t.kind !== 'whitespace');
  if (visible.length === 0) return { kind: 'blank', text: '', newline: line.newline };
  const onlyComment = visible.length === 1 && visible[0].kind === 'comment';
  const startsInColumnZero = body[0].kind !== 'whitespace';
  const kind = onlyComment ? 'comment' : startsInColumnZero ? 'first' : 'continuation';
  if (!innerWhiteSpaceIsPlain(body)) {
    const last = lastIndexWhere(body, (t) => t.kind !== 'whitespace');
    return { kind, text: body.slice(0, last + 1).map((t) => t.text).join(''), newline: line.newline };
  }
  let text = '';
  let blankBefore = false;
  for (const token of body) {
    if (token.kind === 'whitespace') {
      blankBefore = true;
      continue;
    }
    const content = token.kind === 'comment' ? token.text.replace(/[ \t]+$/, '') : token.text;
    text += (blankBefore && text !== '' ? ' ' : '') + content;
    blankBefore = false;
  }
  return { kind, text: kind === 'continuation' ? indent + text : text, newline: line.newline };
}

export function formatControlFile(
  tokens: readonly ControlFileToken[],
  errors: readonly { readonly severity: 'error' | 'warning'; readonly message: string; readonly range: TextRange }[],
  eol: string,
  indent: string,
): FormatOutcome {
  const blocking = errors.filter((e) => e.severity === 'error');
  if (blocking.length > 0) return { ok: false, errors: blocking.map(({ message, range }) => ({ message, range })) };
  const lines = splitLines(tokens).map((line) => classify(line, indent));
  const out: string[] = new Array<string>(lines.length).fill('');
  const blanks = new BlankLineRun(out, eol);
  let nextIsContinuation = false;
  // Walking backwards tells each comment line whether its record goes on below it.
  const insideRecord: boolean[] = new Array<boolean>(lines.length).fill(false);
  for (let i = lines.length - 1; i >= 0; i--) {
    const kind = lines[i].kind;
    if (kind === 'comment') insideRecord[i] = nextIsContinuation;
    else if (kind !== 'blank') nextIsContinuation = kind === 'continuation';
  }
  lines.forEach((line, i) => {
    if (line.kind === 'blank') {
      blanks.blank(i);
      return;
    }
    const text = line.kind === 'comment' && insideRecord[i] ? indent + line.text : line.text;
    blanks.content(i, text + (line.newline ?? eol), blanks.pending ? 1 : 0);
  });
  if (tokens[0]?.kind === 'bom') out[0] = tokens[0].text + out[0];
  return { ok: true, lines: out };
}

/** The line ending most lines of `text` use. */
export function dominantLineEnding(text: string): '\n' | '\r\n' {
  const all = text.split('\n').length - 1;
  const crlf = text.split('\r\n').length - 1;
  return crlf > all - crlf ? '\r\n' : '\n';
}
