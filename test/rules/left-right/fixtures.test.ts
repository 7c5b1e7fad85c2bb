import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leftRightRules } from '../../../server/rules/left-right';
import { transportRules } from '../../../server/rules/transport';
import { confRules } from '../../../server/rules/registry';
import { expectedLines, lintFixture } from '../../support/fixture-expectations';

const fixtures = resolve(__dirname, '../../fixtures/rules');


describe('left-right and transport rules, on their fixtures', () => {
  it('has at least the rules the issue asks for, each family named for what it checks', () => {
    expect(leftRightRules.length).toBeGreaterThanOrEqual(16);
    expect(transportRules.map((r) => r.meta.id).sort()).toEqual(['enable-tcp-without-listen', 'nic-offload-unsupported', 'tcp-remoteport-without-enable-tcp']);
    expect(leftRightRules.filter((r) => !r.meta.id.startsWith('left-right-')).map((r) => r.meta.id)).toEqual([]);
  });
  for (const rule of [...leftRightRules, ...transportRules]) {
    const id = rule.meta.id;
    describe(id, () => {
      it('is registered and documented', () => {
        expect(confRules).toContain(rule);
        const doc = resolve(__dirname, `../../../docs/rules/${id}.md`);
        expect(existsSync(doc)).toBe(true);
        const text = readFileSync(doc, 'utf8');
        for (const heading of ['## Why it matters', '## Bad', '## Good', '## Severity and configuration']) expect(text).toContain(heading);
      });

      it('flags exactly the lines marked "# expect" in bad.conf', () => {
        const bad = join(fixtures, id, 'bad.conf');
        const { diagnostics } = lintFixture(bad);
        const mine = diagnostics.filter((d) => d.ruleId === id && d.file === bad);
        const got = [...new Set(mine.map((d) => d.range.start.line))].sort((a, b) => a - b);
        expect(got.length).toBeGreaterThan(0);
        expect(got).toEqual(expectedLines(readFileSync(bad, 'utf8')));
      });

      it('finds nothing in good.conf', () => {
        const { diagnostics } = lintFixture(join(fixtures, id, 'good.conf'));
        expect(diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
      });
    });
  }
});
