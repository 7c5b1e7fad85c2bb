/*
 * Prints ipsec-lint's per-conn agreement with Libreswan 5.4 and 5.2 pluto on the corpus
 * (../shared/corpus/VERDICTS-libreswan-5.x.jsonl), and the disagreements grouped by reason.
 *   npm run agreement:5x [-- --version 5.4] [--list] [--file SUBSTRING]
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupDisagreements, judgementKey, measureConnAgreement, verdictsPresent, type Version5 } from '../test/corpus/support/conn-agreement';

const corpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpus');
const args = process.argv.slice(2);
const value = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const versionArg = value('--version');
const versions: Version5[] = versionArg === '5.2' || versionArg === '5.4' ? [versionArg] : ['5.4', '5.2'];
const list = args.includes('--list');
const fileFilter = value('--file');

if (!existsSync(corpusDir)) {
  console.error(`agreement-5x: ${corpusDir} is absent; nothing to measure`);
  process.exit(2);
}
for (const version of versions) {
  if (!verdictsPresent(corpusDir, version)) {
    console.error(`agreement-5x: no verdicts for Libreswan ${version} in ${corpusDir}`);
    continue;
  }
  const report = measureConnAgreement(corpusDir, version, { only: fileFilter ? (f) => f.includes(fileFilter) : undefined });
  const total = report.judgements.length;
  const unflagged = report.unloadedFiles.filter((f) => !f.flagged);
  console.log(`Libreswan ${version}: ${report.agreed}/${total} verdicts agree (${((report.agreed / Math.max(total, 1)) * 100).toFixed(2)}%)`);
  console.log(`  files that do not load: ${report.unloadedFiles.length}, flagged ${report.unloadedFiles.length - unflagged.length}`);
  for (const [why, n] of Object.entries(report.skipped)) console.log(`  left out: ${n} × ${why}`);
  for (const [group, items] of groupDisagreements(report)) {
    console.log(`  ${String(items.length).padStart(4)}  ${group}`);
    const shownItems = list ? items : items.slice(0, 2);
    for (const d of shownItems) console.log(`          ${judgementKey(d)} — ${d.detail.slice(0, 220)}`);
  }
}
