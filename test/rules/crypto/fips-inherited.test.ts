import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFixture } from './fixture-lint';

describe('fips-disallowed-algorithm: inherited values and building blocks', () => {
  const { diagnostics } = lintFixture(resolve(__dirname, '../../fixtures/rules/fips-disallowed-algorithm/bad-inherited.conf'));
  const fips = diagnostics.filter((d) => d.ruleId === 'fips-disallowed-algorithm');

  it('refuses the conn that inherits the value, at its header, naming it, with the inherited line related', () => {
    const refused = fips.filter((d) => d.rejectedByLibreswan);
    expect(refused.map((d) => [d.conn, d.range.start.line, d.severity])).toEqual([['child', 7, 'error']]);
    expect(refused[0].related?.[0]?.range.start.line).toBe(4);
  });

  it('keeps the template line and the building block to warnings that refuse nothing', () => {
    const rest = fips.filter((d) => !d.rejectedByLibreswan);
    expect(rest.map((d) => [d.range.start.line, d.severity])).toEqual([[4, 'warning'], [17, 'warning']]);
    expect(rest[1].message).toContain('only building blocks read it');
  });
});
