import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../grammar/line-index';
import { defaultFormatOptions } from '../../server/format';
import { formatDocument, formatRange, type DocumentKind, type TextEdit } from '../../server/service/format';

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  let out = text;
  for (const edit of [...edits].reverse()) {
    const start = index.offsetAt(edit.range.start.line, edit.range.start.character);
    const end = index.offsetAt(edit.range.end.line, edit.range.end.character);
    out = out.slice(0, start) + edit.newText + out.slice(end);
  }
  return out;
}

const lines = (from: number, to: number) => ({ start: { line: from, character: 0 }, end: { line: to, character: 0 } });
const text = 'conn west\n    left = 192.0.2.1\n\n\n    right=192.0.2.2\nconn east\n  left=192.0.2.2\n';

describe('formatRange', () => {
  it('formats only the lines the range touches (and the blank lines after them)', () => {
    const result = formatRange(text, 'conf', { start: { line: 1, character: 3 }, end: { line: 1, character: 5 } }, defaultFormatOptions);
    expect(result.ok && applyEdits(text, result.edits)).toBe('conn west\n\tleft=192.0.2.1\n\n    right=192.0.2.2\nconn east\n  left=192.0.2.2\n');
  });

  it('takes the blank lines next to the range along, so their count comes out right', () => {
    const result = formatRange(text, 'conf', lines(4, 4), defaultFormatOptions);
    expect(result.ok && applyEdits(text, result.edits)).toBe('conn west\n    left = 192.0.2.1\n\n\tright=192.0.2.2\nconn east\n  left=192.0.2.2\n');
  });

  it('does not touch a line the range ends at the start of', () => {
    const upToLine4 = formatRange(text, 'conf', lines(1, 4), defaultFormatOptions);
    expect(upToLine4.ok && applyEdits(text, upToLine4.edits)).toBe('conn west\n\tleft=192.0.2.1\n\n    right=192.0.2.2\nconn east\n  left=192.0.2.2\n');
    const upToLine5 = formatRange(text, 'conf', lines(1, 5), defaultFormatOptions);
    expect(upToLine5.ok && applyEdits(text, upToLine5.edits)).toBe('conn west\n\tleft=192.0.2.1\n\n\tright=192.0.2.2\nconn east\n  left=192.0.2.2\n');
  });

  it('gives no edit when the lines are formatted already, and errors for a broken file', () => {
    expect(formatRange('conn west\n\tleft=192.0.2.1\n', 'conf', lines(0, 1), defaultFormatOptions)).toEqual({ ok: true, edits: [] });
    const broken = formatRange('conn west\n\tleft=a b\n', 'conf', lines(0, 0), defaultFormatOptions);
    expect(broken.ok).toBe(false);
  });

  it('over the whole document equals formatDocument', () => {
    const result = formatRange(text, 'conf', lines(0, 99), defaultFormatOptions);
    const whole = formatDocument(text, 'conf', defaultFormatOptions);
    expect(result.ok && whole.ok && applyEdits(text, result.edits)).toBe(whole.ok && whole.text);
  });

  it('on any range of any fixture: changes only lines it was asked about and agrees with formatDocument', () => {
    const fixtures = resolve(__dirname, '../fixtures/format');
    const kinds: Record<string, DocumentKind> = { '.conf': 'conf', '.secrets': 'secrets', '.policy': 'policy' };
    const inputs = readdirSync(fixtures)
      .filter((d) => d !== 'invalid')
      .map((d) => {
        const name = readdirSync(join(fixtures, d)).find((f) => f.startsWith('input.'))!;
        return { kind: kinds[extname(name)], text: readFileSync(join(fixtures, d, name), 'utf8') };
      });
    fc.assert(
      fc.property(fc.constantFrom(...inputs), fc.nat(40), fc.nat(40), ({ kind, text: input }, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const result = formatRange(input, kind, { start: { line: from, character: 0 }, end: { line: to, character: 1 } }, defaultFormatOptions);
        if (!result.ok) return;
        const edited = applyEdits(input, result.edits);
        const whole = formatDocument(input, kind, defaultFormatOptions);
        // A range-formatted document formats to the same text as the original.
        expect(whole.ok && formatDocument(edited, kind, defaultFormatOptions)).toEqual(whole);
        // The edit starts at or above the first requested line and ends at or below the last.
        const inputLines = input.split('\n');
        const last = inputLines.length - 1;
        for (const edit of result.edits) {
          expect(edit.range.start.line).toBeLessThanOrEqual(from);
          expect(edit.range.start.character).toBe(0);
          expect(edit.range.end.line).toBeGreaterThanOrEqual(Math.min(to, last));
          // Beyond the requested lines it may only take blank lines along.
          const extra = [...inputLines.slice(edit.range.start.line, Math.min(from, last)), ...inputLines.slice(to + 1, edit.range.end.line)];
          expect(extra.every((l) => /^\s*$/.test(l))).toBe(true);
        }
      }),
      { numRuns: 400, seed: 6 },
    );
  });
});
