import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { checkPair, loadPairEnd, type PairEnd } from '../../server/pair/index';
import { corpusDir, corpusPresent } from '../support/corpus';

/** Rows of docs/pair.md's table of tests whose point is the failure: `| `test` | `conn` | `NOTIFICATION` |`. */
function documentedFailures(): Set<string> {
  const rows = new Set<string>();
  for (const line of readFileSync(join(__dirname, '../../docs/pair.md'), 'utf8').split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*`([A-Z_]+)`\s*\|/.exec(line);
    if (m) rows.add(`${m[1]} | ${m[2]} | ${m[3]}`);
  }
  return rows;
}

/** Test folders TESTLIST marks `good`: their west and east do bring their conns up. */
function goodTests(): string[] {
  const list = join(corpusDir, 'testing/pluto/TESTLIST');
  return readFileSync(list, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim().split(/\s+/))
    .filter((f) => f.length >= 3 && f[2] === 'good')
    .map((f) => f[1]);
}

function load(path: string): PairEnd {
  const r = loadPairEnd(path, false, nodeFileSystem, '4.10');
  if (!r.ok) throw new Error(r.message);
  return r.end;
}

describe.skipIf(!corpusPresent || !existsSync(join(corpusDir, 'testing/pluto/TESTLIST')))('pair check on the corpus', () => {
  it('predicts no failure between west.conf and east.conf of passing tests, except the deliberate ones docs/pair.md lists', () => {
    let pairs = 0;
    let conns = 0;
    const failures: string[] = [];
    for (const test of goodTests()) {
      const dir = join(corpusDir, 'testing/pluto', test);
      const westPath = join(dir, 'west.conf');
      const eastPath = join(dir, 'east.conf');
      if (!existsSync(westPath) || !existsSync(eastPath)) continue;
      pairs++;
      const report = checkPair(load(westPath), load(eastPath), '4.10');
      conns += report.matched.length;
      for (const f of report.findings) {
        if (f.severity === 'error') failures.push(`${test} | ${f.conn} | ${f.notification}`);
      }
    }
    console.log(`[pair corpus] ${pairs} west/east pairs of good tests, ${conns} conns compared, ${failures.length} predicted failures`);
    expect(pairs).toBeGreaterThan(300);
    const documented = documentedFailures();
    const found = new Set(failures);
    expect([...found].filter((f) => !documented.has(f)), 'predicted failures in passing tests that docs/pair.md does not explain').toEqual([]);
    expect([...documented].filter((f) => !found.has(f)), 'rows of docs/pair.md no longer found').toEqual([]);
  });
});
