import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { lintConf } from '../../../server/service/lint-conf';
import { corpusDir, corpusPresent, verdicts410 } from '../../support/corpus';

/*
 * No test configuration that Libreswan 4.10 loads (addconn's verdict ok=true) may get a
 * left-right-* error, unless docs/left-right-corpus.md lists it with the reason Libreswan
 * itself refuses that conn at `auto --add` (which addconn --checkconfig does not run).
 */

const explained = resolve(__dirname, '../../../docs/left-right-corpus.md');

/** Rows of the doc's table: `| path | line | rule-id | why |`. */
function explainedErrors(): Set<string> {
  const rows = new Set<string>();
  for (const line of readFileSync(explained, 'utf8').split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*(\d+)\s*\|\s*`([a-z-]+)`\s*\|/.exec(line);
    if (m) rows.add(`${m[1]}:${m[2]} ${m[3]}`);
  }
  return rows;
}

describe.skipIf(!corpusPresent)('left-right-* rules on the corpus (Libreswan 4.10 verdicts)', () => {
  it('gives no error to a configuration 4.10 loads, except those the doc explains', () => {
    const found = new Set<string>();
    const counts: Record<string, number> = {};
    let files = 0;
    for (const verdict of verdicts410()) {
      if (!verdict.ok) continue;
      files++;
      const path = join(corpusDir, verdict.file);
      const result = lintConf({
        path,
        text: readFileSync(path, 'utf8'),
        fs: nodeFileSystem,
        settings: { libreswanVersion: '4.10', fips: false, rules: {}, root: corpusDir },
      });
      for (const d of result.diagnostics) {
        if (!d.ruleId.startsWith('left-right-')) continue;
        counts[`${d.ruleId} (${d.severity})`] = (counts[`${d.ruleId} (${d.severity})`] ?? 0) + 1;
        if (d.severity === 'error' && d.file === path) found.add(`${verdict.file}:${d.range.start.line + 1} ${d.ruleId}`);
      }
    }
    console.log(`[left-right corpus] ${files} files 4.10 loads; findings:`, counts);
    const doc = explainedErrors();
    expect(files).toBeGreaterThan(1000);
    expect([...found].filter((f) => !doc.has(f)), 'left-right errors not explained in docs/left-right-corpus.md').toEqual([]);
    expect([...doc].filter((f) => !found.has(f)), 'rows of docs/left-right-corpus.md that no longer match a finding').toEqual([]);
  });
});
