import { plainLineText } from '../../grammar/conf/parse';
import type { AssignmentLine, ConfFile, ConfLine, ConfSection, ConfToken } from '../../grammar/conf/syntax-tree';
import { indentText, type FormatOptions } from './format-options';
import { BlankLineRun, type FormatOutcome } from './formatted-lines';
import { planConfLayout, type LinePlan } from './conf-layout';
import { spellValue } from './value-quoting';

/*
 * Formats ipsec.conf over the lossless tree. Only white space between tokens, blank lines
 * and double quotes around plain values change; every other byte is copied from a token:
 *  - blanks around `=` and between header words are eaten by Libreswan's scanner in every
 *    state, so they can be normalised;
 *  - an `X-`/`x_` comment key keeps everything after its `=` byte for byte: Libreswan stores
 *    that text raw, leading and trailing blanks included;
 *  - each line keeps its own line break: Libreswan 4.x does not treat `\r` as a blank, so a
 *    CRLF line must stay CRLF to mean what it meant;
 *  - a line whose white space holds anything but spaces and tabs (`\f`, `\v`, a lone `\r`)
 *    is copied as it is, since the scanners disagree on what those are.
 */

export function formatConf(file: ConfFile, options: FormatOptions): FormatOutcome {
  if (file.errors.length > 0) return { ok: false, errors: file.errors };
  const indent = indentText(options.indent);
  const plans = planConfLayout(file);
  const out: string[] = new Array<string>(file.lines.length).fill('');
  const blanks = new BlankLineRun(out, file.eol);
  let previousBlock: ConfSection['kind'] | 'preamble' = 'preamble';
  let previousWasSectionHeader = false;
  for (const line of file.lines) {
    const plan = plans[line.line];
    if (plan.role === 'blank') {
      blanks.blank(line.line);
      continue;
    }
    const separated = blanks.pending ? 1 : 0;
    let before: 0 | 1 = separated;
    if (plan.startsBlock) {
      before = plan.blockKind === 'conn' || plan.blockKind === 'setup' || previousBlock === 'conn' || previousBlock === 'setup' ? 1 : separated;
    } else if (previousWasSectionHeader && plan.role === 'body') {
      before = 0;
    }
    // A plain line is printed from its key, value and comment: its tokens are never made.
    const plain = plainLineText(line);
    blanks.content(line.line, render(line, plan, file.text, indent, options.unquoteValues, plain) + lineBreak(line, file.eol, plain), before);
    previousBlock = plan.blockKind;
    previousWasSectionHeader = plan.role === 'header' && (plan.blockKind === 'conn' || plan.blockKind === 'setup');
  }
  if (file.hasBom) out[0] = '\uFEFF' + out[0];
  return { ok: true, lines: out };
}

function lineBreak(line: ConfLine, eol: string, plain: string | undefined): string {
  if (plain !== undefined) return plain.endsWith('\n') ? '\n' : eol;
  const last = line.tokens[line.tokens.length - 1];
  return last?.kind === 'newline' ? last.text : eol;
}

/** Spaces and tabs only: the white space every Libreswan scanner agrees on. */
function hasPlainWhiteSpace(line: ConfLine): boolean {
  return line.tokens.every((t) => (t.kind !== 'indent' && t.kind !== 'gap') || /^[ \t]+$/.test(t.text));
}

function trailingComment(comment: ConfToken | undefined): string {
  return comment ? ' ' + trimBlanks(comment.text) : '';
}

function trimBlanks(text: string): string {
  return text.replace(/[ \t]+$/, '');
}

function render(line: ConfLine, plan: LinePlan, text: string, indent: string, unquote: boolean, plain: string | undefined): string {
  if (plain === undefined && !hasPlainWhiteSpace(line)) return verbatim(line);
  switch (line.kind) {
    case 'comment':
      return (plan.role === 'body' ? indent : '') + trimBlanks(line.comment.text);
    case 'setup-header':
      return 'config setup' + trailingComment(line.comment);
    case 'conn-header':
      // The parser makes a conn header only of the word `conn`.
      return `conn ${line.name.raw}` + trailingComment(line.comment);
    case 'include':
      return `${line.keyword.text} ${line.path.raw}` + trailingComment(line.comment);
    case 'version':
      return `${line.keyword.text} ${line.value.raw}` + trailingComment(line.comment);
    case 'assignment':
      return indent + renderAssignment(line, text, unquote);
    case 'blank':
    case 'error':
      // Blank lines never reach here and a file with error lines is not formatted.
      return verbatim(line);
  }
}

function renderAssignment(line: AssignmentLine, text: string, unquote: boolean): string {
  if (line.isCommentKey) {
    const end = lineContentEnd(line, text);
    if (line.equals) return `${line.key.text}=${text.slice(line.equals.offset + 1, end)}`;
    // Without `=`, Libreswan's scanner eats the blanks after the key, so they may go.
    return line.key.text + trimBlanks(text.slice(line.key.offset + line.key.text.length, end));
  }
  const value = line.value ? spellValue(line.value, unquote) : '';
  return `${line.key.text}=${value}` + trailingComment(line.comment);
}

function lineContentEnd(line: ConfLine, text: string): number {
  const last = line.tokens[line.tokens.length - 1];
  if (last === undefined) return text.length;
  return last.kind === 'newline' ? last.offset : last.offset + last.text.length;
}

function verbatim(line: ConfLine): string {
  return line.tokens
    .filter((t) => t.kind !== 'newline' && t.kind !== 'bom')
    .map((t) => t.text)
    .join('');
}
