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
  'suppression-problem',
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

describe('suppression-problem', () => {
  it('offers the did-you-mean as a fix, and reports a directive that silences nothing as info', async () => {
    const { lintConf } = await import('../../server/service/lint-conf');
    const { memoryFileSystem } = await import('../service/memory-file-system');
    const text = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x # ipsec-lint disable=unknown-keywrd\n\tauto=add # ipsec-lint disable=duplicate-key\n';
    const lint = (rules: Record<string, 'off' | 'error'>) =>
      lintConf({ path: '/x/ipsec.conf', text, fs: memoryFileSystem({ '/x/ipsec.conf': text }), settings: { libreswanVersion: 'latest', fips: false, rules } }).diagnostics;
    const found = lint({}).filter((d) => d.ruleId === 'suppression-problem');
    expect(found.map((d) => [d.range.start.line, d.severity])).toEqual([[3, 'warning'], [4, 'info']]);
    expect(found[0].message).toContain("did you mean 'unknown-keyword'?");
    expect(found[0].fixes?.[0].edits[0].newText).toBe('unknown-keyword');
    // The misspelt directive silences nothing: the finding it aimed at is still there.
    expect(lint({}).some((d) => d.ruleId === 'unknown-keyword')).toBe(true);
    expect(lint({ 'suppression-problem': 'off' }).filter((d) => d.ruleId === 'suppression-problem')).toEqual([]);
  });
});
