import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closestMatches } from '../../grammar/edit-distance';
import { jsonMessages, runMeasuredCli, workCpuMs } from './support/run-front';

/* Reproduction 9 of issue 15: the did-you-mean search ran again on every line (about 3 ms a line). */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-unknown-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('unknown keywords', () => {
  it('one unknown key on 20,000 lines: the search runs once, the run stays under 2 s', () => {
    const path = join(dir, 'repeated.conf');
    let text = '';
    for (let i = 0; i < 2000; i++) text += `conn c${i}\n\tleft=192.0.2.1\n\tright=192.0.2.2\n` + '\tleftsubnett=10.0.0.0/8\n'.repeat(10);
    writeFileSync(path, text);
    const r = runMeasuredCli(['--format', 'json', path]);
    expect(workCpuMs(r)).toBeLessThan(2000);
    expect(r.maxRssMB).toBeLessThan(300);
    const unknown = jsonMessages(r.stdout)[0].messages.filter((m) => m.ruleId === 'unknown-keyword');
    expect(unknown.length).toBe(20000);
    expect(unknown[0].message).toContain("did you mean 'leftsubnet'");
  });

  it('a key 100,000 characters long is not compared letter by letter with every keyword', () => {
    const long = 'x'.repeat(100_000);
    // As many candidates as a keyword table has; a full table against each took seconds.
    const candidates = Array.from({ length: 300 }, (_, i) => `keyword-${i}`);
    const start = process.cpuUsage();
    expect(closestMatches(long, candidates)).toEqual([]);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(500);
  });
});
