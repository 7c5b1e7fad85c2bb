import type { TokenType } from 'chevrotain';
import { LineIndex } from '../line-index';
import { findOverlongLines, MAX_LINE_BYTES } from '../secrets/line-limit';
// Pluto reads policy groups with the same scanner as ipsec.secrets (lib/libswan/lex.c),
// so the same token rules apply: blanks separate, `#` at a token start, quotes, 0t.
import * as T from '../secrets/tokens';
import type { TextRange } from '../text-range';
import type { PolicyEntry, PolicyField, PolicyGroupFile, PolicySyntaxError, PolicySyntaxErrorCode, PolicyToken, PolicyTokenKind } from './syntax-tree';

const KIND_OF: ReadonlyMap<TokenType, PolicyTokenKind> = new Map<TokenType, PolicyTokenKind>([
  [T.Bom, 'bom'],
  [T.Newline, 'newline'],
  [T.Whitespace, 'whitespace'],
  [T.Comment, 'comment'],
  [T.DoubleQuoted, 'quoted'],
  [T.SingleQuoted, 'quoted'],
  [T.BackQuoted, 'quoted'],
  [T.UnterminatedQuoted, 'unterminated-quoted'],
]);

const TRIVIA: ReadonlySet<PolicyTokenKind> = new Set(['bom', 'newline', 'whitespace', 'comment']);

function lex(text: string, lines: LineIndex): PolicyToken[] {
  const tokens: PolicyToken[] = [];
  let covered = 0;
  const push = (kind: PolicyTokenKind, start: number, end: number): void => {
    tokens.push({ kind, text: text.slice(start, end), offset: start, range: lines.range(start, end) });
    covered = end;
  };
  for (const t of T.tokenizeControlFile(text).tokens) {
    // The catch-all token makes gaps impossible; filling them anyway keeps printing exact.
    if (t.startOffset > covered) push('stray', covered, t.startOffset);
    // Colons, keywords and 0t data mean nothing special here: they are words.
    push(KIND_OF.get(t.tokenType) ?? 'word', t.startOffset, t.startOffset + t.image.length);
  }
  if (covered < text.length) push('stray', covered, text.length);
  return tokens;
}

function field(token: PolicyToken | undefined): PolicyField | null {
  if (token === undefined) return null;
  const value = token.kind === 'quoted' ? token.text.slice(1, -1) : token.text;
  return { token, value, range: token.range };
}

function span(tokens: readonly PolicyToken[]): TextRange {
  return { start: tokens[0].range.start, end: tokens[tokens.length - 1].range.end };
}

type Report = (code: PolicySyntaxErrorCode, severity: 'error' | 'warning', message: string, range: TextRange) => void;

function toEntry(tokens: readonly PolicyToken[], report: Report): PolicyEntry {
  const [address, protocol, sourcePort, destinationPort, ...trailing] = tokens;
  if (protocol !== undefined && destinationPort === undefined) {
    report(
      'missing-ports',
      'error',
      'Give the protocol, source port and destination port together (`10.0.1.0/24 tcp 0 22`, 0 for any port), or only the address; pluto stops reading this file here.',
      span(tokens.slice(1)),
    );
  }
  if (trailing.length > 0) {
    report(
      'trailing-tokens',
      'error',
      'Remove this: an entry is an address or CIDR, optionally followed by protocol, source port and destination port; pluto stops reading this file here.',
      span(trailing),
    );
  }
  return {
    address: field(address) as PolicyField,
    protocol: field(protocol),
    sourcePort: field(sourcePort),
    destinationPort: field(destinationPort),
    trailing,
    tokens,
    range: span(tokens),
  };
}

/** Parses a policy group file. Never throws; `printPolicyGroup` gives the input back exactly. */
export function parsePolicyGroup(text: string): PolicyGroupFile {
  const lines = new LineIndex(text);
  const errors: PolicySyntaxError[] = [];
  const report: Report = (code, severity, message, range) => {
    errors.push({ code, severity, message, range });
  };
  const tokens = lex(text, lines);
  const hasBom = text.charCodeAt(0) === 0xfeff;
  if (hasBom) {
    report('bom', 'error', 'Save the file without a byte order mark: pluto reads it as part of the first address, which then fails to parse.', lines.range(0, 1));
  }
  for (const { line, length, bytes } of findOverlongLines(text)) {
    report(
      'line-too-long',
      'error',
      `This line is ${bytes} bytes long; pluto reads at most ${MAX_LINE_BYTES - 1} bytes per line and treats the rest as a new line. Shorten it.`,
      { start: { line, character: 0 }, end: { line, character: length } },
    );
  }

  const leading: PolicyToken[] = [];
  const groups: PolicyToken[][] = [];
  for (const token of tokens) {
    if (TRIVIA.has(token.kind)) continue;
    if (token.kind === 'unterminated-quoted') {
      report('unterminated-quote', 'error', `Close the ${token.text[0]} quote on this line, or drop it: addresses need no quotes.`, token.range);
    }
    // An entry starts in column 0 (after a BOM we follow the writer's intent); an indented
    // token continues the entry above it.
    if (token.range.start.character === 0 || (hasBom && token.offset === 1)) groups.push([token]);
    else if (groups.length > 0) groups[groups.length - 1].push(token);
    else leading.push(token);
  }
  if (leading.length > 0) {
    // The scanner sees no record boundary before the first token, and pluto's loop only
    // runs from a boundary: none of the file is loaded.
    report(
      'leading-indentation',
      'error',
      'Start this line in column 0: when the first entry of a policy group file is indented, pluto loads nothing from the file.',
      span(leading),
    );
  }
  return {
    text,
    tokens,
    entries: groups.map((g) => toEntry(g, report)),
    leading,
    comments: tokens.filter((t) => t.kind === 'comment'),
    errors: errors.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
  };
}

/** Concatenates every token: the exact input. */
export function printPolicyGroup(file: PolicyGroupFile): string {
  return file.tokens.map((t) => t.text).join('');
}
