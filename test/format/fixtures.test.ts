import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFormatSection, resolveFormatOptions } from '../../server/format';
import { formatDocument, type DocumentKind } from '../../server/service/format';
import { commentTexts, contentCharacters } from './support/content';
import { readWithLibreswan, readwriteconfPresent } from './support/readwriteconf';

/*
 * One folder per formatting decision, taplo-style: input.<ext> formats to expected.<ext>,
 * expected.<ext> is left as it is, and an optional options.json holds the `format` section
 * of a .ipsec-lint.json. test/fixtures/format/invalid/ holds files that must be refused.
 */

const fixtures = resolve(__dirname, '../fixtures/format');
const kindOfExtension: Record<string, DocumentKind> = { '.conf': 'conf', '.secrets': 'secrets', '.policy': 'policy' };

interface FixtureCase {
  readonly name: string;
  readonly kind: DocumentKind;
  readonly input: string;
  readonly expected: string;
  readonly optionsJson?: unknown;
}

function cases(): FixtureCase[] {
  return readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'invalid')
    .map((d) => {
      const dir = join(fixtures, d.name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      if (!input) throw new Error(`${d.name}: no input file`);
      const ext = extname(input);
      const optionsPath = join(dir, 'options.json');
      return {
        name: d.name,
        kind: kindOfExtension[ext],
        input: readFileSync(join(dir, input), 'utf8'),
        expected: readFileSync(join(dir, `expected${ext}`), 'utf8'),
        optionsJson: existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : undefined,
      };
    });
}

function optionsOf(c: FixtureCase) {
  if (c.optionsJson === undefined) return resolveFormatOptions();
  const { options, problems } = readFormatSection(c.optionsJson);
  expect(problems).toEqual([]);
  return resolveFormatOptions(options);
}

describe('format fixtures', () => {
  const all = cases();
  it('has a case for each decision', () => expect(all.length).toBeGreaterThanOrEqual(25));

  for (const c of all) {
    describe(c.name, () => {
      it('formats the input to the expected text', () => {
        const result = formatDocument(c.input, c.kind, optionsOf(c));
        expect(result).toEqual({ ok: true, text: c.expected });
      });
      it('leaves the expected text as it is', () => {
        expect(formatDocument(c.expected, c.kind, optionsOf(c))).toEqual({ ok: true, text: c.expected });
      });
      it('keeps comments and content', () => {
        expect(commentTexts(c.expected, c.kind)).toEqual(commentTexts(c.input, c.kind));
        expect(contentCharacters(c.expected)).toBe(contentCharacters(c.input));
      });
      // readwriteconf reads ipsec.conf only; secrets and policy cases have no such judge.
      if (c.kind === 'conf') {
        it.skipIf(!readwriteconfPresent)('means the same to Libreswan 4.10 (readwriteconf)', async () => {
          const [before, after] = await Promise.all([readWithLibreswan('ipsec.conf', c.input), readWithLibreswan('ipsec.conf', c.expected)]);
          expect(after).toEqual(before);
        });
      }
    });
  }
});

describe('invalid inputs are refused, never half-formatted', () => {
  const dir = join(fixtures, 'invalid');
  const files = readdirSync(dir);
  it('has cases for every kind', () => expect(new Set(files.map((f) => extname(f)))).toEqual(new Set(['.conf', '.secrets', '.policy'])));
  for (const file of files) {
    it(file, () => {
      const result = formatDocument(readFileSync(join(dir, file), 'utf8'), kindOfExtension[extname(file)], resolveFormatOptions());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    });
  }
});
