import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confRules } from '../../server/rules/registry';
import { expectedLines, lintFixture } from '../support/fixture-expectations';

const fixtures = resolve(__dirname, '../fixtures/rules');
const coreRules = [
  'syntax-error',
  'unknown-keyword',
  'keyword-wrong-section',
  'side-prefix-missing',
  'obsolete-keyword',
  'invalid-value',
  'duplicate-key',
  'duplicate-conn-name',
  'also-reference',
  'include-problem',
  'public-key-in-default',
  'comment-key',
];


describe('core conf rules, on their fixtures', () => {
  for (const id of coreRules) {
    describe(id, () => {
      it('is registered and documented', () => {
        expect(confRules.map((r) => r.meta.id)).toContain(id);
        expect(existsSync(resolve(__dirname, `../../docs/rules/${id}.md`))).toBe(true);
      });

      it('flags exactly the lines marked "# expect" in bad.conf (and the files it includes)', () => {
        const bad = join(fixtures, id, 'bad.conf');
        const { config, diagnostics } = lintFixture(bad);
        const mine = diagnostics.filter((d) => d.ruleId === id);
        expect(mine.length).toBeGreaterThan(0);
        for (const file of config.loaded.files) {
          const expected = expectedLines(readFileSync(file.path, 'utf8'));
          const got = [...new Set(mine.filter((d) => d.file === file.path).map((d) => d.range.start.line))].sort((a, b) => a - b);
          expect({ file: file.path, lines: got }).toEqual({ file: file.path, lines: expected });
        }
      });

      it('finds nothing in good.conf', () => {
        const { diagnostics } = lintFixture(join(fixtures, id, 'good.conf'));
        expect(diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
      });
    });
  }
});
