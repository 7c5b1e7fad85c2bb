import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigFileSystem } from '../../server/model/file-system';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { checkPair, loadPairEnd, type PairEnd } from '../../server/pair/index';
import { corpusDir, corpusPresent } from '../support/corpus';

/** Rows of docs/pair.md's table of tests whose point is the failure: `| `test` | `conn` | `NOTIFICATION` |`. */
function documentedFailures(): Set<string> {
  const rows = new Set<string>();
  for (const line of readFileSync(join(__dirname, '../../docs/pair.md'), 'utf8').split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*`([A-Za-z_]+)`\s*\|/.exec(line);
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

const loaded = new Map<string, PairEnd>();

/** Each host file read and linted once for both tests (pair lints every host it loads). */
function load(path: string): PairEnd {
  const known = loaded.get(path);
  if (known) return known;
  const r = loadPairEnd(path, false, nodeFileSystem, '5.4');
  if (!r.ok) throw new Error(r.message);
  loaded.set(path, r.end);
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
      const report = checkPair(load(westPath), load(eastPath), '5.4');
      conns += report.matched.length;
      // A conn one end cannot add is the linter's add-time verdict, measured against Libreswan
      // by the agreement tests; this test is about the negotiation between conns that load.
      for (const p of report.pairings) {
        if (p.state !== 'up' && p.state !== 'cannot-add') failures.push(`${test} | ${p.west} | ${p.notification}`);
      }
    }
    console.log(`[pair corpus] ${pairs} west/east pairs of good tests, ${conns} conns compared, ${failures.length} predicted failures`);
    expect(pairs).toBeGreaterThan(300);
    const documented = documentedFailures();
    const found = new Set(failures);
    expect([...found].filter((f) => !documented.has(f)), 'predicted failures in passing tests that docs/pair.md does not explain').toEqual([]);
    expect([...documented].filter((f) => !found.has(f)), 'rows of docs/pair.md no longer found').toEqual([]);
  }, 300_000);

  it('finds a subnet broken on purpose on the east host of every matching pair that has one', () => {
    let broken = 0;
    const missed: string[] = [];
    for (const test of goodTests()) {
      const dir = join(corpusDir, 'testing/pluto', test);
      const westPath = join(dir, 'west.conf');
      const eastPath = join(dir, 'east.conf');
      if (!existsSync(westPath) || !existsSync(eastPath)) continue;
      const intact = checkPair(load(westPath), load(eastPath), '5.4');
      if (intact.findings.length > 0 || intact.pairings.length !== 1) continue;
      // Only a host-to-host reading (one host left, the other right) makes east's
      // rightsubnet= a statement about west; two responders that both take `right` do not.
      // A host with other conns may switch to one of them (connswitch tests): one conn each only.
      if (load(eastPath).config.conns.length > 1) continue;
      const [pairing] = intact.pairings;
      if (pairing.westLocal === pairing.eastLocal) continue;
      const text = readFileSync(eastPath, 'utf8');
      const lines = text.split('\n').filter((l) => /^\s+rightsubnet=\d+\.\d+\.\d+\.\d+\/\d+\s*$/.test(l));
      if (lines.length !== 1) continue;
      // A rightsourceip= inside the old subnet would make the broken conn one east cannot add.
      if (/^\s+rightsourceip=/m.test(text)) continue;
      // east now expects west to protect a subnet west never offers.
      const fs: ConfigFileSystem = { ...nodeFileSystem, readText: (p) => (p === eastPath ? { ok: true, text: text.replace(lines[0], '\trightsubnet=10.99.0.0/16') } : nodeFileSystem.readText(p)) };
      const r = loadPairEnd(eastPath, false, fs, '5.4');
      if (!r.ok) throw new Error(r.message);
      broken++;
      const report = checkPair(load(westPath), r.end, '5.4');
      if (!report.findings.some((f) => f.state === 'child-refused' && f.east.text.includes('10.99.0.0/16'))) missed.push(test);
    }
    console.log(`[pair corpus] ${broken} pairs broken on purpose (east's rightsubnet=), ${missed.length} missed`);
    expect(broken).toBeGreaterThan(50);
    expect(missed).toEqual([]);
  }, 300_000);
});
