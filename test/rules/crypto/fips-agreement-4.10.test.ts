import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { lintConf } from '../../../server/service/lint-conf';
import { corpusDir, corpusPresent, verdicts410 } from '../../support/corpus';
import fipsOnly from './fips-only-rejections-4.10.json' with { type: 'json' };

const CRYPTO_REJECTIONS = new Set(['invalid-proposal', 'fips-disallowed-algorithm']);

function cryptoRejections(file: string, fips: boolean): string[] {
  const path = join(corpusDir, file);
  const { diagnostics } = lintConf({ path, text: readFileSync(path, 'utf8'), fs: nodeFileSystem, cwd: dirname(path), settings: { libreswanVersion: '4.10', root: corpusDir, fips, rules: {} } });
  return diagnostics.filter((d) => d.rejectedByLibreswan && CRYPTO_REJECTIONS.has(d.ruleId)).map((d) => `${d.ruleId}: ${d.message}`);
}

describe.skipIf(!corpusPresent)('FIPS mode against Libreswan 4.10 on the corpus', () => {
  it('refuses in FIPS mode exactly the files Libreswan refuses only in FIPS mode, for a crypto reason, and no file it accepts', () => {
    const refusedInFips = new Set(fipsOnly.files);
    const disagreements: string[] = [];
    let checked = 0;
    for (const v of verdicts410()) {
      // Files Libreswan refuses for other reasons say nothing about FIPS.
      if (!v.ok) continue;
      checked += 1;
      const found = cryptoRejections(v.file, true);
      if ((found.length > 0) !== refusedInFips.has(v.file)) disagreements.push(`${v.file}: Libreswan ${refusedInFips.has(v.file) ? 'refuses' : 'accepts'} in FIPS mode; ipsec-lint ${found.length > 0 ? `refuses (${found[0]})` : 'accepts'}`);
    }
    console.log(`[4.10 FIPS agreement] ${checked - disagreements.length}/${checked} files Libreswan accepts outside FIPS mode agree (${refusedInFips.size} refused in FIPS mode)`);
    expect(checked).toBeGreaterThan(1000);
    expect(disagreements).toEqual([]);
  }, 300_000);

  it('does not refuse those files outside FIPS mode', () => {
    for (const file of fipsOnly.files) expect({ file, found: cryptoRejections(file, false) }).toEqual({ file, found: [] });
  });
});
