import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FuzzVersion } from '../../tools/oracle-fuzz/generate';
import { oracleMissing } from '../../tools/oracle-fuzz/oracle';
import { formatGroups, groupDisagreements, percent } from '../../tools/oracle-fuzz/report';
import { runFuzz } from '../../tools/oracle-fuzz/run';

// --fips against pluto in FIPS mode, on a seeded sample of generated files that stress
// proposals (the fuzzer's `crypto` profile). Each file is judged in and out of FIPS mode;
// the FIPS part is every conn whose non-FIPS verdict ipsec-lint already gets right (the rest
// is the add-time checks' business, measured by fuzz-live.test.ts), and there ipsec-lint
// must agree with pluto on every conn. The full corpus run is `npm run oracle:fips`.
const SAMPLE = { n: 24, seed: 4242, jobs: 3 } as const;

const dir = mkdtempSync(join(tmpdir(), 'fips-live-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FIPS mode against live pluto in FIPS mode', () => {
  for (const version of ['5.4', '5.2', '4.10'] as const satisfies readonly FuzzVersion[]) {
    const missing = oracleMissing(version, true);
    if (missing) console.warn(`[fips-live] skipping Libreswan ${version}: ${missing}`);
    it.skipIf(missing !== undefined)(`agrees with Libreswan ${version} in FIPS mode on every conn of ${SAMPLE.n} generated files (seed ${SAMPLE.seed})`, async () => {
      const s = await runFuzz({ ...SAMPLE, version, fips: true, profile: 'crypto', dir: join(dir, version) });
      const f = s.fipsIsolated!;
      console.log(`[fips-live] Libreswan ${version} FIPS: FIPS part ${f.agreed}/${f.counted} (${percent(f.agreed, f.counted)}); all conns ${s.agreed}/${s.counted} (${percent(s.agreed, s.counted)}); ${s.seconds.toFixed(0)} s`);
      if (f.disagreements.length > 0) console.log(formatGroups(groupDisagreements(f.disagreements)));
      expect(s.oracleErrors).toEqual([]);
      expect(f.counted).toBeGreaterThan(30);
      expect(f.disagreements.map((d) => `${d.file} ${d.conn}: pluto ${d.pluto ? 'refuses' : 'holds'}, ipsec-lint ${d.lint ? 'refuses' : 'accepts'}`)).toEqual([]);
    }, 600_000);
  }
});
