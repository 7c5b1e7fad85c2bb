import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSecrets, printSecrets, type SecretsFile } from '../../grammar/secrets';

/*
 * For any input at all: no throw, the exact input back, tokens that tile the text,
 * and no message that repeats a token of the input (a secret could be any token).
 */

const MARKER = 'Zq9secretZq9';

/** Pieces that exercise the scanner's special cases, mixed with arbitrary text. */
const piece = fc.oneof(
  fc.constantFrom(
    ' ', '\t', '\n', '\r\n', '\r', '\v', '\f', '#', '"', "'", '`', ':', '::', '0t', '0T', '0x', '0s',
    'PSK', 'psk', 'XAUTH', 'PPKS', 'include', 'RSA', '{', '}', '@west', '%any', '\uFEFF', MARKER,
  ),
  fc.string({ maxLength: 5 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.string({ unit: fc.constantFrom('\uD800', '\uDC00', '\u00E9', '\u2028'), maxLength: 2 }),
);
const secretsLike = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

function tilesTheText(file: SecretsFile): void {
  let offset = 0;
  for (const token of file.tokens) {
    expect(token.offset).toBe(offset);
    expect(token.text.length).toBeGreaterThan(0);
    offset += token.text.length;
  }
  expect(offset).toBe(file.text.length);
}

describe('parseSecrets on arbitrary input', () => {
  it('never throws and always prints back exactly (scanner-shaped input)', () => {
    fc.assert(
      fc.property(secretsLike, (text) => {
        const file = parseSecrets(text);
        expect(printSecrets(file)).toBe(text);
        tilesTheText(file);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws and always prints back exactly (any string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(printSecrets(parseSecrets(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('never repeats input text in a message', () => {
    fc.assert(
      fc.property(secretsLike, (text) => {
        for (const error of parseSecrets(text).errors) expect(error.message).not.toContain(MARKER);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps error and record ranges inside the document and ordered', () => {
    fc.assert(
      fc.property(secretsLike, (text) => {
        const file = parseSecrets(text);
        const lines = text.split('\n');
        const inside = (p: { line: number; character: number }): boolean =>
          p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
        for (const { range } of [...file.errors, ...file.records]) {
          expect(inside(range.start) && inside(range.end)).toBe(true);
          expect(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseSecrets stays linear on long lines', () => {
  // Each of these took tens of seconds while "up to the trailing white space" was a lazy regex.
  it.each([
    ['a long run of vertical tabs', '\v'.repeat(200_000) + 'x\n'],
    ['0t text data with long blank runs', ': PSK 0t' + ' '.repeat(200_000) + 'x' + ' '.repeat(200_000) + '\n'],
    ['a long run of carriage returns inside a token', '@a' + '\r'.repeat(200_000) + 'x : PSK "y"\n'],
    ['many unclosed quotes', "'x\n".repeat(20_000)],
  ])('%s', (_name, text) => {
    const started = performance.now();
    expect(printSecrets(parseSecrets(text))).toBe(text);
    // Generous: the machine may be busy; quadratic behaviour is far beyond this.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
