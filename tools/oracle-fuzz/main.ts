// npm run oracle:fuzz -- --n N [--seed S] [--version 5.4|5.2|4.10] [--fips] [--jobs J] [--profile mixed|crypto] [--dir D] [--reuse] [--json F] [--examples K]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FuzzVersion, Profile } from './generate';
import { formatGroups, groupDisagreements, percent } from './report';
import { runFuzz } from './run';

const VERSIONS: readonly FuzzVersion[] = ['4.10', '5.2', '5.4'];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      version: { type: 'string', default: '5.4' },
      fips: { type: 'boolean', default: false },
      jobs: { type: 'string', default: '3' },
      dir: { type: 'string' },
      json: { type: 'string' },
      examples: { type: 'string', default: '1' },
      profile: { type: 'string' },
      reuse: { type: 'boolean', default: false },
    },
  });
  const version = values.version as FuzzVersion;
  const n = Number(values.n), seed = Number(values.seed), jobs = Number(values.jobs);
  if (!VERSIONS.includes(version)) throw new Error(`--version must be one of ${VERSIONS.join(', ')}`);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed) || !Number.isInteger(jobs) || jobs < 1) throw new Error('--n, --seed and --jobs take whole numbers (n, jobs at least 1)');
  const profile = values.profile as Profile | undefined;
  if (profile !== undefined && profile !== 'mixed' && profile !== 'crypto') throw new Error('--profile must be mixed or crypto');
  const summary = await runFuzz({
    n, seed, version, fips: values.fips, jobs, dir: values.dir, profile, reuse: values.reuse,
    onProgress: (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total}`);
      else if (done % 100 === 0) process.stderr.write(`${done}/${total}\n`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const label = `Libreswan ${version}${values.fips ? ' FIPS' : ''}, seed ${seed}, ${n} files`;
  console.log(`[oracle-fuzz] ${label}: ${summary.agreed}/${summary.counted} conns agree (${percent(summary.agreed, summary.counted)}); pluto refuses ${summary.plutoRefused}; ${summary.skipped} left out (${summary.skippedHost} host-dependent); ${summary.flaky} conns answered differently on a rerun; ${summary.seconds.toFixed(0)} s`);
  if (summary.fipsIsolated) {
    const f = summary.fipsIsolated;
    console.log(`[oracle-fuzz] FIPS part (conns whose non-FIPS verdict agrees): ${f.agreed}/${f.counted} agree (${percent(f.agreed, f.counted)})`);
    if (f.disagreements.length > 0) console.log(`FIPS disagreements:\n${formatGroups(groupDisagreements(f.disagreements), Number(values.examples))}`);
  }
  for (const e of summary.oracleErrors) console.log(`  oracle error: ${e}`);
  const groups = groupDisagreements(summary.disagreements);
  if (groups.length > 0) console.log(`Disagreements by reason (${groups.length} groups):\n${formatGroups(groups, Number(values.examples))}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(summary, null, 1)}\n`);
  return 0;
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(`oracle-fuzz: ${error.message}`);
  process.exit(2);
});
