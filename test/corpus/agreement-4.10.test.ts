import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { lintConf } from '../../server/service/lint-conf';
import { corpusDir, corpusPresent, verdicts410 } from '../support/corpus';

/** `- path/to/file.conf: reason` lines of the disagreement doc. */
function documentedDisagreements(): Map<string, string> {
  const doc = readFileSync(resolve(__dirname, '../../docs/corpus-agreement-4.10.md'), 'utf8');
  const listed = new Map<string, string>();
  for (const m of doc.matchAll(/^- `([^`]+)`: (.+)$/gm)) listed.set(m[1], m[2]);
  return listed;
}

describe.skipIf(!corpusPresent)('agreement with Libreswan 4.10 on the corpus', () => {
  it('rejects exactly the files Libreswan 4.10 rejects, on at least 99% of them, and documents the rest', () => {
    const verdicts = verdicts410();
    expect(verdicts.length).toBeGreaterThan(1500);
    const disagreements: { file: string; libreswan: boolean; ours: boolean; detail: string }[] = [];
    for (const v of verdicts) {
      const path = join(corpusDir, v.file);
      const text = readFileSync(path, 'utf8');
      const { diagnostics } = lintConf({
        path,
        text,
        fs: nodeFileSystem,
        cwd: dirname(path),
        settings: { libreswanVersion: '4.10', root: corpusDir, fips: false, rules: {} },
      });
      const rejected = diagnostics.filter((d) => d.rejectedByLibreswan);
      const ours = rejected.length === 0;
      if (ours !== v.ok) {
        disagreements.push({ file: v.file, libreswan: v.ok, ours, detail: ours ? v.messages.join(' / ') : rejected.map((d) => `${d.ruleId}: ${d.message}`).join(' / ') });
      }
    }
    const agreement = 1 - disagreements.length / verdicts.length;
    console.log(`[4.10 agreement] ${verdicts.length - disagreements.length}/${verdicts.length} files agree (${(agreement * 100).toFixed(2)}%)`);
    for (const d of disagreements) console.log(`  ${d.file}: Libreswan ${d.libreswan ? 'ok' : 'rejects'}, ipsec-lint ${d.ours ? 'ok' : 'rejects'} — ${d.detail.slice(0, 300)}`);
    expect(agreement).toBeGreaterThanOrEqual(0.99);
    expect([...documentedDisagreements().keys()].sort()).toEqual(disagreements.map((d) => d.file).sort());
  });
});
