import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPresent } from '../support/corpus';
import { judgementKey, measureConnAgreement, verdictsPresent, type Version5 } from './support/conn-agreement';

/** `- `file: conn`: reason` lines under `### 5.x` in the disagreement doc. */
function documentedDisagreements(version: Version5): Map<string, string> {
  const doc = readFileSync(resolve(__dirname, '../../docs/corpus-agreement-5.x.md'), 'utf8');
  const section = doc.split(/^### /m).find((s) => s.startsWith(`${version}\n`)) ?? '';
  const listed = new Map<string, string>();
  for (const m of section.matchAll(/^- `([^`]+)`: (.+)$/gm)) listed.set(m[1], m[2]);
  return listed;
}

for (const version of ['5.4', '5.2'] as const) {
  const present = corpusPresent && verdictsPresent(corpusDir, version);
  if (corpusPresent && !present) console.warn(`[ipsec-lint tests] no VERDICTS-libreswan-${version}.jsonl in ${corpusDir}: the ${version} agreement test is skipped.`);
  describe.skipIf(!present)(`per-conn agreement with Libreswan ${version} pluto on the corpus`, () => {
    it(`agrees on at least 99.5% of the conns, flags every file that does not load, and documents the rest`, () => {
      const report = measureConnAgreement(corpusDir, version);
      const total = report.judgements.length;
      expect(total).toBeGreaterThan(2500);
      const agreement = report.agreed / total;
      console.log(`[${version} agreement] ${report.agreed}/${total} verdicts agree (${(agreement * 100).toFixed(2)}%); left out: ${JSON.stringify(report.skipped)}`);
      for (const d of report.disagreements) console.log(`  ${judgementKey(d)}: Libreswan ${d.libreswanRefuses ? 'refuses' : 'holds'}, ipsec-lint ${d.weRefuse ? 'refuses' : 'holds'} — ${d.detail.slice(0, 300)}`);
      expect(agreement).toBeGreaterThanOrEqual(0.995);
      expect(report.unloadedFiles.length).toBeGreaterThan(0);
      expect(report.unloadedFiles.filter((f) => !f.flagged).map((f) => f.file)).toEqual([]);
      expect([...documentedDisagreements(version).keys()].sort()).toEqual(report.disagreements.map(judgementKey).sort());
      // About 1,900 files linted for one release: 40 s on an idle core, more on a shared one.
    }, 240_000);
  });
}
