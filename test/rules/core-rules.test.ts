import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confRules } from '../../server/rules/registry';
import { expectMarkedLines, lintFixture } from '../support/fixture-expectations';

const fixtures = resolve(__dirname, '../fixtures/rules');
const coreRules = [
  'syntax-error',
  'unknown-keyword',
  'keyword-wrong-section',
  'side-prefix-missing',
  'obsolete-keyword',
  'obsolete-value',
  'invalid-value',
  'duplicate-key',
  'duplicate-conn-name',
  'also-reference',
  'include-problem',
  'public-key-in-default',
  'comment-key',
  'ikev1-authby',
];


describe('core conf rules, on their fixtures', () => {
  for (const id of coreRules) {
    describe(id, () => {
      it('is registered and documented', () => {
        expect(confRules.map((r) => r.meta.id)).toContain(id);
        expect(existsSync(resolve(__dirname, `../../docs/rules/${id}.md`))).toBe(true);
      });

      it('flags exactly the lines marked "# expect" in bad.conf (and the files it includes)', () => {
        expectMarkedLines(lintFixture(join(fixtures, id, 'bad.conf')), id);
      });

      it('finds nothing in good.conf', () => {
        const { diagnostics } = lintFixture(join(fixtures, id, 'good.conf'));
        expect(diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
      });
    });
  }
});
