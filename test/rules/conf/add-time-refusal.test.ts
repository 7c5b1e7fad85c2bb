import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADD_TIME_CONSTRAINTS } from '../../../schemas/add-time-constraints';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { lintConf } from '../../../server/service/lint-conf';
import { expectMarkedLines, lintFixture } from '../../support/fixture-expectations';

const dir = resolve(__dirname, '../../fixtures/rules/add-time-refusal');
const id = 'add-time-refusal';

describe(id, () => {
  it('flags exactly the marked lines of bad.conf, each naming its conn, and refuses each conn for 5.4', () => {
    const result = lintFixture(join(dir, 'bad.conf'));
    expectMarkedLines(result, id, (p) => relative(dir, p));
    const mine = result.diagnostics.filter((d) => d.ruleId === id);
    expect(mine.every((d) => d.rejectedByLibreswan && d.severity === 'error' && d.conn !== undefined)).toBe(true);
    const inherited = mine.find((d) => d.conn === 'inherits-pool-zero');
    expect(inherited?.related?.[0]?.message).toContain('inherited from conn');
  });

  it('finds nothing in good.conf', () => {
    expect(lintFixture(join(dir, 'good.conf')).diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
  });

  it('names each constraint once, with versions, keys and a reason', () => {
    const ids = ADD_TIME_CONSTRAINTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of ADD_TIME_CONSTRAINTS) {
      expect(c.versions.length, c.id).toBeGreaterThan(0);
      expect(c.reads.length, c.id).toBeGreaterThan(0);
      expect(c.reason.length, c.id).toBeGreaterThan(20);
    }
  });

  it('refuses leftgroundhog=yes in FIPS mode only, for 5.2 and 5.4 (as their plutos do in FIPS mode on the corpus)', () => {
    const text = 'conn hog\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tleftgroundhog=yes\n\tauthby=secret\n\tauto=add\n';
    const lint = (version: '4.10' | '5.2' | '5.4', fips: boolean) =>
      lintConf({ path: '/virtual/hog.conf', text, fs: nodeFileSystem, cwd: '/virtual', settings: { libreswanVersion: version, fips, rules: {} } })
        .diagnostics.filter((d) => d.ruleId === id && d.message.includes('groundhog-in-fips'));
    for (const version of ['5.2', '5.4'] as const) {
      const found = lint(version, true);
      expect(found, version).toHaveLength(1);
      expect(found[0]).toMatchObject({ conn: 'hog', rejectedByLibreswan: true, range: { start: { line: 3 } } });
      expect(lint(version, false), version).toEqual([]);
    }
    expect(lint('4.10', true)).toEqual([]);
  });
});
