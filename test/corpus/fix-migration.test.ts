import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPresent } from '../support/corpus';
import { fixAndJudge, refusedFiles, type FixOutcome } from '../support/fix-corpus';
import { inParallel, oracleMissing, type OracleVersion } from '../support/libreswan-oracle';

/*
 * On the corpus files Libreswan 4.10, 5.2 and 5.4 refuse, `--fix --libreswan-version V`
 * makes that Libreswan load the file and add its conns, or leaves an error, with its reason,
 * on what it could not decide. `npm test` runs a seeded sample of each version's refused
 * files; `npm run test:fix-corpus` runs them all and holds the counts, and the files where
 * ipsec-lint does not yet say why (each with its reason), to docs/corpus-fix-migration.md.
 */

const full = process.env.IPSEC_LINT_FIX_CORPUS === 'full';
/** Files per release in `npm test`: a throw-away pluto per 5.x file costs about a second. */
const SAMPLE: Readonly<Record<OracleVersion, number>> = { '4.10': 24, '5.2': 12, '5.4': 12 };
const versions: readonly OracleVersion[] = ['4.10', '5.2', '5.4'];

/** A small deterministic generator, so the sample is the same on every run and machine. */
function seededSample<T>(items: readonly T[], size: number, seed: number): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size).sort();
}

const doc = (): string => readFileSync(resolve(__dirname, '../../docs/corpus-fix-migration.md'), 'utf8');

/** `| 4.10 | refused | loads | explained | unexplained |` rows of the counts doc. */
function documentedCounts(): Map<string, { refused: number; loads: number; explained: number; unexplained: number }> {
  const rows = new Map<string, { refused: number; loads: number; explained: number; unexplained: number }>();
  for (const m of doc().matchAll(/^\| (\d\.\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$/gm)) {
    rows.set(m[1], { refused: Number(m[2]), loads: Number(m[3]), explained: Number(m[4]), unexplained: Number(m[5]) });
  }
  return rows;
}

/** `- 5.4 \`path\`: reason` lines: the files where ipsec-lint does not yet say why Libreswan still refuses. */
function documentedUnexplained(version: OracleVersion): string[] {
  return [...doc().matchAll(/^- (\d\.\d+) `([^`]+)`: .+$/gm)].filter((m) => m[1] === version).map((m) => m[2]).sort();
}

for (const version of versions) {
  const missing = corpusPresent ? oracleMissing(version) : 'the corpus is absent';
  if (missing) console.warn(`[ipsec-lint tests] --fix against Libreswan ${version} skipped: ${missing}`);
  describe.skipIf(missing !== undefined)(`--fix --libreswan-version ${version} on the corpus files Libreswan ${version} refuses`, () => {
    it(
      full ? 'loads every one, or says why on what it could not decide (all files; counts as documented)' : `loads every one, or says why (a seeded sample of ${SAMPLE[version]})`,
      async () => {
        const refused = refusedFiles(version);
        expect(refused.length).toBeGreaterThan(0);
        const files = full ? refused : seededSample(refused, SAMPLE[version], 0x1f1c5 + Number(version.replace('.', '')));
        const outcomes: FixOutcome[] = await inParallel(files, 2, (f) => fixAndJudge(f, version));
        const count = (status: FixOutcome['status']): number => outcomes.filter((o) => o.status === status).length;
        const counts = { refused: files.length, loads: count('loads'), explained: count('explained'), unexplained: count('unexplained') };
        console.log(`[--fix ${version}] ${JSON.stringify(counts)}`);
        const unexplained = outcomes.filter((o) => o.status === 'unexplained');
        for (const o of unexplained) console.log(`  ${o.file}: ${o.status === 'unexplained' ? o.refusals.join(' | ').slice(0, 400) : ''}`);
        const listed = documentedUnexplained(version);
        if (full) {
          expect(unexplained.map((o) => o.file).sort()).toEqual(listed);
          expect(counts).toEqual(documentedCounts().get(version));
        } else {
          expect(unexplained.map((o) => o.file).filter((f) => !listed.includes(f))).toEqual([]);
        }
        expect(counts.loads + counts.explained + counts.unexplained).toBe(files.length);
        // Where most refusals are migrations --fix makes (4.10), a sample where none loaded would mean it fixed nothing.
        const documented = documentedCounts().get(version);
        if (documented && documented.loads > documented.refused / 2) expect(counts.loads).toBeGreaterThan(0);
      },
      full ? 1_800_000 : 120_000,
    );
  });
}
