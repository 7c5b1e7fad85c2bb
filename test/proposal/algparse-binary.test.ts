import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseProposalList } from '../../grammar/proposal';
import { caseKey, documentedDisagreements, percent } from './agreement';
import { generateProposals } from './generated-proposals';

const ALGPARSE = '/usr/libexec/ipsec/algparse';
const present = existsSync(ALGPARSE);
if (!present) {
  console.warn(`skipping the differential test against a real algparse: ${ALGPARSE} is missing (install Debian's libreswan 4.10 package to run it)`);
}

/** Runs algparse once for a configuration and returns each case's result lines. */
function runAlgparse(flags: string[], values: string[]): string[][] {
  const run = spawnSync(ALGPARSE, [...flags, ...values], { encoding: 'utf8' });
  const blocks: string[][] = [];
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('algparse ')) blocks.push([]);
    else if (line.startsWith('\t') && blocks.length > 0) blocks[blocks.length - 1].push(line.slice(1));
  }
  return blocks;
}

describe('differential test against the installed algparse (Libreswan 4.10)', () => {
  it.skipIf(!present)('agrees with algparse on generated proposals in every mode', () => {
    const proposals = generateProposals(300);
    let agree = 0;
    let total = 0;
    const disagreements: string[] = [];
    for (const fips of [false, true]) {
      for (const ikeVersion of [1, 2] as const) {
        for (const pfs of [false, true]) {
          const flags = [`-v${ikeVersion}`, `-pfs=${pfs ? 'yes' : 'no'}`, `-fips=${fips ? 'yes' : 'no'}`];
          const blocks = runAlgparse(flags, proposals.map((p) => `${p.keyword}=${p.value}`));
          expect(blocks.length).toBe(proposals.length);
          proposals.forEach((p, i) => {
            const expected = blocks[i];
            const expectOk = !expected.some((line) => line.startsWith('ERROR'));
            const result = parseProposalList(p.value, { protocol: p.keyword, ikeVersion, pfs, fips, version: '4.10' });
            total++;
            if (result.ok === expectOk && (!expectOk || JSON.stringify(result.expansion) === JSON.stringify(expected))) agree++;
            else disagreements.push(caseKey({ fips, ikeVersion, pfs, keyword: p.keyword, value: p.value }));
          });
        }
      }
    }
    console.log(`4.10 algparse binary: ${agree}/${total} (${percent(agree, total)}) generated cases agree on verdict and expansion`);
    expect(total).toBe(2400);
    expect(disagreements.sort()).toEqual(documentedDisagreements('4.10 algparse binary').sort());
  });
});
