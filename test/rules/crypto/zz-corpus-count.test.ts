import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { it } from 'vitest';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { lintConf } from '../../../server/service/lint-conf';
import { corpusDir, verdicts410 } from '../../support/corpus';
import { cryptoRuleIds } from './fixture-lint';
it('count', () => {
  for (const fips of [false, true]) {
    const counts = new Map<string, number>();
    let t = Date.now();
    for (const v of verdicts410()) {
      const path = join(corpusDir, v.file);
      const { diagnostics } = lintConf({ path, text: readFileSync(path, 'utf8'), fs: nodeFileSystem, cwd: dirname(path), settings: { libreswanVersion: '4.10', root: corpusDir, fips, rules: {} } });
      for (const d of diagnostics) if (cryptoRuleIds.includes(d.ruleId) || process.env.ALLRULES) {
        const k = `${d.ruleId}/${d.severity}${d.rejectedByLibreswan ? '/rej' : ''}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
        if (process.env.SHOW === d.ruleId && !fips && d.severity !== 'error') console.log('SHOW', v.file, d.range.start.line + 1, d.message.slice(0, 250));
      }
    }
    console.log('COUNT fips=' + fips, Date.now() - t, 'ms', JSON.stringify([...counts].sort()));
  }
});
