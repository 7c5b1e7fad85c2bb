import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSecrets } from '../../grammar/secrets';

/*
 * A differential test: a deliberately plain, line-by-line model of how Libreswan's
 * control-file scanner cuts tokens and records (written from the behaviour described in
 * shared/reference/libreswan/secrets-grammar.md), against the Chevrotain lexer plus the
 * record splitter. They must agree on every token's text and on where records start.
 */

interface ModelToken {
  readonly text: string;
  readonly startsRecord: boolean;
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t';

function modelScan(text: string): ModelToken[] {
  const out: ModelToken[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[ \t\n\v\f\r]+$/, '');
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (isBlank(c)) {
        i++;
        continue;
      }
      if (c === '#') break;
      const start = i;
      if (c === '"' || c === "'" || c === '`') {
        const close = line.indexOf(c, i + 1);
        i = close === -1 ? line.length : close + 1;
      } else if (line.startsWith('0t', i)) {
        i = line.length;
      } else {
        while (i < line.length && !isBlank(line[i])) i++;
        if (i - start > 1 && line[i - 1] === ':') i--;
      }
      out.push({ text: line.slice(start, i), startsRecord: start === 0 });
    }
  }
  return out;
}

function ourScan(text: string): ModelToken[] {
  const file = parseSecrets(text);
  const starts = new Set(file.records.filter((r) => r.kind !== 'error' || r.reason !== 'leading-indentation').map((r) => r.tokens[0]));
  return file.records.flatMap((r) => r.tokens.map((t) => ({ text: t.text, startsRecord: starts.has(t) })));
}

const piece = fc.oneof(
  fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '\v', '#', '"', "'", '`', ':', '::', '0t', '0x', 'PSK', 'include', '@a', 'b'),
  fc.string({ maxLength: 3 }),
);
// Policy on a leading BOM differs on purpose (reported, then read as the writer meant).
const input = fc.array(piece, { maxLength: 50 }).map((p) => p.join('')).filter((t) => !t.startsWith('\uFEFF'));

describe('the lexer agrees with a plain model of Libreswan\'s scanner', () => {
  it.each([
    '@west @east : PSK "x" # c',
    '2001:db8::45:  PSK 0tsome # text  ',
    'a::  ":" "a"b c"d" #x',
    '"unterminated  \n  @b:#c',
    ':PSK : :: :::',
    ':! a:b: ::x',
  ])('%j', (text) => {
    expect(ourScan(text)).toEqual(modelScan(text));
  });

  it('on arbitrary input', () => {
    fc.assert(
      fc.property(input, (text) => {
        expect(ourScan(text)).toEqual(modelScan(text));
      }),
      { numRuns: 2000 },
    );
  });
});
