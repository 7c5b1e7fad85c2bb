import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confRules } from '../../../server/rules/registry';
import { expectMarkedLines } from '../../support/fixture-expectations';
import { cryptoRuleIds, fixtures, lintFixture } from './fixture-lint';

/** The bad-/good- files of a rule folder, or the ipsec.conf inside a bad-/good- subfolder. */
function entries(id: string, kind: 'bad' | 'good'): string[] {
  const folder = join(fixtures, id);
  return readdirSync(folder)
    .filter((name) => name.startsWith(kind))
    .map((name) => join(folder, name))
    .map((p) => (statSync(p).isDirectory() ? join(p, 'ipsec.conf') : p))
    .filter((p) => p.endsWith('.conf') && existsSync(p));
}

describe('crypto rules, on their fixtures', () => {
  for (const id of cryptoRuleIds) {
    describe(id, () => {
      it('is registered and documented', () => {
        expect(confRules.map((r) => r.meta.id)).toContain(id);
        expect(existsSync(resolve(__dirname, `../../../docs/rules/${id}.md`))).toBe(true);
      });

      for (const bad of entries(id, 'bad')) {
        it(`flags exactly the lines marked "# expect" in ${relative(fixtures, bad)}`, () => {
          expectMarkedLines(lintFixture(bad), id, (path) => relative(fixtures, path));
        });
      }

      for (const good of entries(id, 'good')) {
        it(`finds nothing in ${relative(fixtures, good)}`, () => {
          const { diagnostics } = lintFixture(good);
          expect(diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
        });
      }

      it('has a failing and a passing fixture', () => {
        expect(entries(id, 'bad').length).toBeGreaterThan(0);
        expect(entries(id, 'good').length).toBeGreaterThan(0);
      });
    });
  }
});
