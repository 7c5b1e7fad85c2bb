import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultProposalList, parseProposalList } from '../../grammar/proposal';
import { caseKey, documentedDisagreements, percent } from './agreement';

interface OracleCase {
  fips: boolean;
  ike_version: 1 | 2;
  pfs: boolean;
  keyword: 'ike' | 'esp' | 'ah';
  value: string | null;
  expect: 'SUCCESS' | 'ERROR';
  result: string[];
}

const cases: OracleCase[] = JSON.parse(readFileSync('/work/shared/reference/libreswan/proposal-oracle.json', 'utf8'));

describe('agreement with the Libreswan HEAD algparse oracle (latest)', () => {
  let verdicts = 0;
  let lists = 0;
  const disagreements = new Set<string>();
  for (const c of cases) {
    const options = { protocol: c.keyword, ikeVersion: c.ike_version, pfs: c.pfs, fips: c.fips, version: 'latest' as const };
    const result = c.value === null ? defaultProposalList(options) : parseProposalList(c.value, options);
    const verdictAgrees = result.ok === (c.expect === 'SUCCESS');
    const listAgrees = JSON.stringify(result.expansion) === JSON.stringify(c.result);
    if (verdictAgrees) verdicts++;
    if (listAgrees) lists++;
    if (!verdictAgrees || !listAgrees) {
      disagreements.add(caseKey({ fips: c.fips, ikeVersion: c.ike_version, pfs: c.pfs, keyword: c.keyword, value: c.value }));
    }
  }

  it('agrees on at least 99% of verdicts and expansions', () => {
    console.log(`latest oracle: verdicts ${verdicts}/${cases.length} (${percent(verdicts, cases.length)}), expansions ${lists}/${cases.length} (${percent(lists, cases.length)})`);
    expect(cases.length).toBe(1992);
    expect(verdicts / cases.length).toBeGreaterThanOrEqual(0.99);
    expect(lists / cases.length).toBeGreaterThanOrEqual(0.99);
  });

  it('disagrees exactly where docs/proposal-disagreements.md says', () => {
    expect([...disagreements].sort()).toEqual(documentedDisagreements('latest oracle').sort());
  });
});
