import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADD_TIME_CONSTRAINTS } from '../../../schemas/add-time-constraints';
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
});
