import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IKEV2_VALUE_MEANING, KEYEXCHANGE_VALUE_MEANING, DEFAULT_IKE_VERSION } from '../../schemas/connection-crypto';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { fixAllConf } from '../../server/service/fix-all';
import { defaultSettings } from '../../server/settings/lint-settings';
import { corpusDir, corpusPresent } from '../support/corpus';
import { recordedVerdicts } from '../support/fix-corpus';
import { inParallel, readwriteconf, readwriteconfMissing, type OracleVersion } from '../support/libreswan-oracle';

/*
 * On every corpus file a Libreswan release loads, `--fix --libreswan-version V` changes
 * nothing that release reads differently: readwriteconf of that release prints the same
 * config before and after. The comparison is per section, as a set of key=value items, with
 * one equivalence the fix relies on: ikev2= and keyexchange= are read together as the conn's
 * IKE version (schemas/connection-crypto.ts), as 5.x replaced the first with the second.
 * `npm test` checks a seeded sample of the changed files; `npm run test:fix-corpus` all of them.
 */

const full = process.env.IPSEC_LINT_FIX_CORPUS === 'full';
const SAMPLE = 20;

/** readwriteconf's text as {section: sorted key=value items}. */
function reading(stdout: string, version: OracleVersion): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current = '';
  for (const line of stdout.split('\n')) {
    if (/^(conn |config )/.test(line)) {
      current = line.trim();
      sections.set(current, []);
      continue;
    }
    for (const item of line.split('\t').map((t) => t.trim()).filter((t) => t.includes('='))) sections.get(current)?.push(item);
  }
  for (const [name, items] of sections) sections.set(name, normalised(items, version));
  return sections;
}

function normalised(items: readonly string[], version: OracleVersion): string[] {
  const kept = items.filter((i) => !/^(ikev2|keyexchange)=/.test(i));
  // 5.2's readwriteconf prints keyexchange= without its value and leaves ikev2= out: it cannot
  // tell the IKE version, so neither is compared there (the fixture tests hold that rewrite).
  if (version === '5.2') return kept.sort();
  const value = (key: string): string | undefined => items.find((i) => i.startsWith(`${key}=`))?.slice(key.length + 1);
  const kx = value('keyexchange');
  const v2 = value('ikev2');
  const byKx = kx ? KEYEXCHANGE_VALUE_MEANING[kx] : undefined;
  const ike = byKx !== undefined && byKx !== 'ikev2-keyword' ? byKx : v2 !== undefined && v2 !== '' ? IKEV2_VALUE_MEANING[v2] ?? v2 : DEFAULT_IKE_VERSION;
  return [...kept, `ike-version=${ike}`].sort();
}

/** A small deterministic generator, so the sample is the same on every run and machine. */
function seededSample<T>(items: readonly T[], size: number, seed: number): T[] {
  let state = seed >>> 0;
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const j = Math.floor((state / 2 ** 32) * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size).sort();
}

for (const version of ['4.10', '5.2', '5.4'] as const) {
  const missing = corpusPresent ? readwriteconfMissing(version) : 'the corpus is absent';
  if (missing) console.warn(`[ipsec-lint tests] --fix meaning check for Libreswan ${version} skipped: ${missing}`);
  describe.skipIf(missing !== undefined)(`--fix --libreswan-version ${version} on the corpus files Libreswan ${version} loads`, () => {
    it(full ? 'changes nothing readwriteconf reads differently (every changed file)' : `changes nothing readwriteconf reads differently (a seeded sample of ${SAMPLE} changed files)`, async () => {
      const changed: { file: string; before: string; after: string }[] = [];
      for (const [file, verdict] of recordedVerdicts(version)) {
        if (!verdict.loads) continue;
        const path = join(corpusDir, file);
        const before = readFileSync(path, 'utf8');
        const after = fixAllConf({ path, text: before, fs: nodeFileSystem, cwd: dirname(path), settings: { ...defaultSettings, libreswanVersion: version, root: corpusDir } }).text;
        if (after !== before) changed.push({ file, before, after });
      }
      expect(changed.length).toBeGreaterThan(0);
      const checked = full ? changed : seededSample(changed, SAMPLE, 0x5eed + Number(version.replace('.', '')));
      const differences = (
        await inParallel(checked, 2, async (c) => {
          const path = join(corpusDir, c.file);
          const [a, b] = [await readwriteconf(version, path, c.before), await readwriteconf(version, path, c.after)];
          const ra = reading(a.stdout, version);
          const rb = reading(b.stdout, version);
          const diff: string[] = [];
          if (a.code !== b.code) diff.push(`exit ${a.code} -> ${b.code}`);
          for (const name of new Set([...ra.keys(), ...rb.keys()])) {
            const x = ra.get(name) ?? [];
            const y = rb.get(name) ?? [];
            const lost = x.filter((i) => !y.includes(i));
            const gained = y.filter((i) => !x.includes(i));
            if (lost.length > 0 || gained.length > 0) diff.push(`${name}: -${lost.join(' -')} +${gained.join(' +')}`);
          }
          return diff.length > 0 ? `${c.file}: ${diff.join('; ')}` : undefined;
        })
      ).filter((d) => d !== undefined);
      console.log(`[--fix ${version} meaning] ${checked.length - differences.length}/${checked.length} changed files read the same (of ${changed.length} changed)`);
      expect(differences).toEqual([]);
    }, full ? 1_200_000 : 120_000);
  });
}
