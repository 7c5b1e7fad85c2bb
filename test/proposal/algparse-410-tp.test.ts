import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultProposalList, parseProposalList } from '../../grammar/proposal';
import { caseKey, documentedDisagreements, percent } from './agreement';

interface TpCase {
  keyword: 'ike' | 'esp' | 'ah';
  value: string | null;
  output: string[];
}

/** Reads Libreswan 4.10's `algparse -tp` transcript: a command line, then tab-indented results. */
function readTranscript(path: string): TpCase[] {
  const cases: TpCase[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const command = /^algparse .*?'([a-z]+)(?:=(.*))?'$/.exec(line);
    if (command) cases.push({ keyword: command[1] as TpCase['keyword'], value: command[2] ?? null, output: [] });
    else if (line.startsWith('\t') && cases.length > 0) cases[cases.length - 1].output.push(line.slice(1));
  }
  return cases;
}

const cases = readTranscript('/work/shared/reference/libreswan-4.10-tools/algparse-tp.txt');

describe('agreement with Libreswan 4.10 algparse -tp (IKEv2, pfs=no)', () => {
  let verdicts = 0;
  let lists = 0;
  const disagreements = new Set<string>();
  for (const c of cases) {
    const options = { protocol: c.keyword, ikeVersion: 2 as const, pfs: false, fips: false, version: '4.10' as const };
    const result = c.value === null ? defaultProposalList(options) : parseProposalList(c.value, options);
    const expectOk = !c.output.some((line) => line.startsWith('ERROR'));
    const verdictAgrees = result.ok === expectOk;
    const listAgrees = expectOk ? JSON.stringify(result.expansion) === JSON.stringify(c.output) : result.expansion.length === 0;
    if (verdictAgrees) verdicts++;
    if (listAgrees) lists++;
    if (!verdictAgrees || !listAgrees) disagreements.add(caseKey({ fips: false, ikeVersion: 2, pfs: false, keyword: c.keyword, value: c.value }));
  }

  it('agrees on at least 99% of verdicts and expansions', () => {
    console.log(`4.10 algparse -tp: verdicts ${verdicts}/${cases.length} (${percent(verdicts, cases.length)}), expansions ${lists}/${cases.length} (${percent(lists, cases.length)})`);
    expect(cases.length).toBe(225);
    expect(verdicts / cases.length).toBeGreaterThanOrEqual(0.99);
    expect(lists / cases.length).toBeGreaterThanOrEqual(0.99);
  });

  it('disagrees exactly where docs/proposal-disagreements.md says', () => {
    expect([...disagreements].sort()).toEqual(documentedDisagreements('4.10 algparse -tp').sort());
  });
});
