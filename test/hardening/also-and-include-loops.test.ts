import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCLUDE_BUDGET } from '../../server/model/include-graph';
import { jsonMessages, runMeasuredCli, workCpuMs } from './support/run-front';

/*
 * Reproductions 1 and 2 of issue 15: shapes that once took minutes and gigabytes. Each runs
 * the built CLI in a child process; CPU time (not wall time, which a busy machine inflates)
 * and peak memory are bounded there, start-up (an empty file's run) taken off the time.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-hardening-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

function write(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const ends = '\tleft=192.0.2.1\n\tright=192.0.2.2\n';

describe('also= expansion is linear whatever its shape', () => {
  it('a 5,000-deep also= chain: under 2 s and 300 MB, every conn complete', () => {
    let text = '';
    for (let i = 0; i < 5000; i++) text += `conn c${i}\n${ends}\tauto=${i === 0 ? 'add' : 'ignore'}\n\talso=c${i + 1}\n\n`;
    text += `conn c5000\n${ends}\tikelifetime=3h\n`;
    const r = runMeasuredCli(['--format', 'json', write('chain.conf', text)]);
    expect(r.stderr).toBe('');
    expect(workCpuMs(r)).toBeLessThan(2000);
    expect(r.maxRssMB).toBeLessThan(300);
    const messages = jsonMessages(r.stdout)[0].messages;
    // auto= differs along the chain: conn c0 combines its own auto=add with c1's auto=ignore.
    expect(messages.some((m) => m.ruleId === 'also-reference' && m.message.includes("conn 'c0' combines through also= two values of 'auto'"))).toBe(true);
    // No stack overflow, no internal error: the last conn's settings reach the first.
    expect(messages.some((m) => m.ruleId === 'missing-host')).toBe(false);
  });

  it('a fan of 4,000 also= lines in one conn: under 2 s and 300 MB', () => {
    let text = `conn hub\n${ends}`;
    for (let i = 0; i < 4000; i++) text += `\talso=f${i}\n`;
    for (let i = 0; i < 4000; i++) text += `\nconn f${i}\n\tikelifetime=${(i % 20) + 1}h\n\tauto=ignore\n`;
    const r = runMeasuredCli(['--format', 'json', write('fan.conf', text)]);
    expect(r.stderr).toBe('');
    expect(workCpuMs(r)).toBeLessThan(2000);
    expect(r.maxRssMB).toBeLessThan(300);
    const clashes = jsonMessages(r.stdout)[0].messages.filter((m) => m.ruleId === 'also-reference' && m.message.includes("two values of 'ikelifetime'"));
    expect(clashes.length).toBeGreaterThan(0);
  });

  it('an also= loop 5,000 conns long: under 2 s, reported as a loop', () => {
    let text = '';
    for (let i = 0; i < 5000; i++) text += `conn l${i}\n${i === 0 ? ends : ''}\talso=l${(i + 1) % 5000}\n\n`;
    const r = runMeasuredCli(['--format', 'json', write('also-loop.conf', text)]);
    expect(r.stderr).toBe('');
    expect(workCpuMs(r)).toBeLessThan(2000);
    expect(r.maxRssMB).toBeLessThan(300);
    expect(jsonMessages(r.stdout)[0].messages.some((m) => m.message.includes('loops back'))).toBe(true);
  });
});

describe('include loops are followed within a budget', () => {
  it('ipsec.conf including itself on five lines: under 1 s, the loop and the budget each reported once', () => {
    const path = join(dir, 'self', 'ipsec.conf');
    write('self/ipsec.conf', `conn a\n${ends}\n` + `include ${path}\n`.repeat(5));
    const r = runMeasuredCli(['--format', 'json', path]);
    expect(workCpuMs(r)).toBeLessThan(1000);
    expect(r.maxRssMB).toBeLessThan(300);
    const messages = jsonMessages(r.stdout)[0].messages;
    expect(messages.filter((m) => m.message.startsWith('include loop')).length).toBeGreaterThan(0);
    const budget = messages.filter((m) => m.message.includes('stopped following includes'));
    expect(budget).toHaveLength(1);
    expect(budget[0].message).toContain(INCLUDE_BUDGET.expansions.toLocaleString('en-US'));
    expect(budget[0].message).toContain('Libreswan has no such limit');
  });

  it('four files each including the glob that matches all four: under 1 s', () => {
    const folder = join(dir, 'globs', 'd');
    write('globs/ipsec.conf', `include ${folder}/*.conf\n`);
    for (let i = 0; i < 4; i++) write(`globs/d/f${i}.conf`, `conn g${i}\n${ends}\ninclude ${folder}/*.conf\n`);
    const r = runMeasuredCli(['--format', 'json', join(dir, 'globs', 'ipsec.conf')]);
    expect(workCpuMs(r)).toBeLessThan(1000);
    expect(r.maxRssMB).toBeLessThan(300);
    const all = jsonMessages(r.stdout).flatMap((f) => f.messages);
    expect(all.some((m) => m.message.startsWith('include loop'))).toBe(true);
  });

  it('a glob of 20,000 files: under 2 s and 300 MB, stopping at the file budget and saying so once', () => {
    const folder = join(dir, 'many', 'ipsec.d');
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < 20_000; i++) writeFileSync(join(folder, `c${String(i).padStart(5, '0')}.conf`), `conn c${i}\n${ends}\tauto=ignore\n`);
    const entry = write('many/ipsec.conf', `conn %default\n\tikelifetime=1h\n\ninclude ${folder}/*.conf\n`);
    const r = runMeasuredCli(['--format', 'json', entry]);
    expect(workCpuMs(r)).toBeLessThan(2000);
    expect(r.maxRssMB).toBeLessThan(300);
    const messages = jsonMessages(r.stdout).flatMap((f) => f.messages);
    const budget = messages.filter((m) => m.message.includes('stopped following includes'));
    expect(budget).toHaveLength(1);
    expect(budget[0].message).toContain(`${INCLUDE_BUDGET.files.toLocaleString('en-US')} files read`);
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
    // Writing 20,000 files takes a while on a busy machine; the bounds above are the CLI's own.
  }, 300_000);
});
