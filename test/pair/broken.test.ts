import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { checkPair, loadPairEnd, type PairEnd } from '../../server/pair/index';

const match = resolve(__dirname, '../fixtures/pair/match');
const scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-pair-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function end(dir: string): PairEnd {
  const r = loadPairEnd(dir, true, nodeFileSystem, 'latest');
  if (!r.ok) throw new Error(r.message);
  return r.end;
}

interface Break {
  readonly name: string;
  readonly host: 'west' | 'east';
  readonly file: 'ipsec.conf' | 'ipsec.secrets';
  readonly from: string;
  readonly to: string;
  /** Lines put before the file's first line (config setup for the break to be addable at all). */
  readonly prepend?: string;
  readonly notification: string;
  /** The line (1-based) each host's finding should point at. */
  readonly westLine: number;
  readonly eastLine: number;
}

// Lines of the fixture: 2 conn, 3 left, 4 leftid, 5 leftsubnet, 6 right, 7 rightid,
// 8 rightsubnet, 9 authby, 10 ike, 11 esp, 12 ppk; secrets: 1 PSK, 2 PPKS.
const breaks: readonly Break[] = [
  { name: 'IKE proposal', host: 'east', file: 'ipsec.conf', from: 'ike=aes256-sha2_256;dh19', to: 'ike=aes128-sha2_512;dh20', notification: 'NO_PROPOSAL_CHOSEN', westLine: 10, eastLine: 10 },
  { name: 'ESP proposal', host: 'east', file: 'ipsec.conf', from: 'esp=aes256-sha2_256', to: 'esp=aes_gcm128', notification: 'NO_PROPOSAL_CHOSEN', westLine: 11, eastLine: 11 },
  // 5.x pluto adds an IKEv1 conn only where config setup accepts IKEv1.
  { name: 'IKE version', host: 'west', file: 'ipsec.conf', from: 'authby=secret', to: 'authby=secret\n\tkeyexchange=ikev1', prepend: 'config setup\n\tikev1-policy=accept\n', notification: 'timeout', westLine: 12, eastLine: 2 },
  { name: 'east subnet', host: 'east', file: 'ipsec.conf', from: 'rightsubnet=10.2.0.0/16', to: 'rightsubnet=10.3.0.0/16', notification: 'TS_UNACCEPTABLE', westLine: 8, eastLine: 8 },
  // West now looks up its PSK for @west/@east.example and finds none: it gives up, before any id is compared.
  { name: 'west id', host: 'west', file: 'ipsec.conf', from: 'rightid=@east', to: 'rightid=@east.example', notification: 'none', westLine: 2, eastLine: 1 },
  { name: 'auth method', host: 'east', file: 'ipsec.conf', from: 'authby=secret', to: 'authby=rsasig', notification: 'AUTHENTICATION_FAILED', westLine: 9, eastLine: 9 },
  { name: 'PSK', host: 'east', file: 'ipsec.secrets', from: 'Xk3v9QmZt7', to: 'Xk3v9QmZt8', notification: 'AUTHENTICATION_FAILED', westLine: 1, eastLine: 1 },
  { name: 'ppk insist', host: 'east', file: 'ipsec.conf', from: 'ppk=insist', to: 'ppk=no', notification: 'none', westLine: 12, eastLine: 12 },
  { name: 'PPK id', host: 'east', file: 'ipsec.secrets', from: 'PPKS "west-east"', to: 'PPKS "west-east-2"', notification: 'AUTHENTICATION_FAILED', westLine: 2, eastLine: 2 },
];

function broken(b: Break): { west: string; east: string } {
  const dir = join(scratch, b.name.replace(/\W+/g, '-'));
  cpSync(match, dir, { recursive: true });
  const path = join(dir, b.host, b.file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(b.from);
  writeFileSync(path, (b.prepend ?? '') + text.replace(b.from, b.to));
  return { west: join(dir, 'west'), east: join(dir, 'east') };
}

describe('pair check', () => {
  it('finds nothing between two matching hosts, and the CLI exits 0', () => {
    const report = checkPair(end(join(match, 'west')), end(join(match, 'east')), 'latest');
    expect(report.matched).toEqual(['west-east']);
    expect(report.findings).toEqual([]);
    expect(runCli(['pair', join(match, 'west'), join(match, 'east')]).exitCode).toBe(0);
  });

  for (const b of breaks) {
    it(`finds a broken ${b.name} (${b.notification}) with both lines, and the CLI exits 1`, () => {
      const { west, east } = broken(b);
      const report = checkPair(end(west), end(east), 'latest');
      const hit = report.findings.find((f) => f.notification === b.notification);
      expect(hit, JSON.stringify(report.findings, null, 1)).toBeDefined();
      expect(hit!.west.range.start.line + 1).toBe(b.westLine);
      expect(hit!.east.range.start.line + 1).toBe(b.eastLine);
      const cli = runCli(['pair', '--format', 'json', west, east]);
      const parsed = JSON.parse(cli.stdout) as { findings: { notification: string }[] };
      expect(parsed.findings.map((f) => f.notification)).toContain(b.notification);
      expect(cli.exitCode).toBe(1);
    });
  }

  it('exits 2 on a missing path or a wrong argument count', () => {
    expect(runCli(['pair', join(match, 'west'), join(scratch, 'nowhere')]).exitCode).toBe(2);
    expect(runCli(['pair', join(match, 'west')]).exitCode).toBe(2);
    expect(runCli(['pair', '--format', 'xml', join(match, 'west'), join(match, 'east')]).exitCode).toBe(2);
  });

  it('prints both lines in stylish output, and never a secret', () => {
    const { west, east } = broken(breaks.find((b) => b.name === 'PSK')!);
    const out = runCli(['pair', west, east]).stdout;
    expect(out).toMatch(/AUTHENTICATION_FAILED/);
    expect(out).toMatch(/west\s+\S+ipsec\.secrets:1:1\s+@west @east : PSK \(secret not shown\)/);
    expect(out).not.toContain('Xk3v9QmZt');
  });
});

describe('pair check on raw public keys', () => {
  const keys = resolve(__dirname, '../fixtures/pair/rsakeys');

  it('finds nothing when both hosts write the same keys, in either spelling', () => {
    const dir = join(scratch, 'rsakeys-respelled');
    cpSync(keys, dir, { recursive: true });
    // The same key bytes written as hex on east: a spelling difference is no mismatch.
    const path = join(dir, 'east', 'ipsec.conf');
    const text = readFileSync(path, 'utf8');
    const base64 = /leftrsasigkey=0s(\S+)/.exec(text)![1];
    writeFileSync(path, text.replace(`leftrsasigkey=0s${base64}`, `leftrsasigkey=0x${Buffer.from(base64, 'base64').toString('hex')}`));
    expect(checkPair(end(join(keys, 'west')), end(join(keys, 'east')), 'latest').findings).toEqual([]);
    expect(checkPair(end(join(dir, 'west')), end(join(dir, 'east')), 'latest').findings).toEqual([]);
  });

  it("finds east verifying west with another key than west's own, naming both lines", () => {
    const dir = join(scratch, 'rsakeys-broken');
    cpSync(keys, dir, { recursive: true });
    const path = join(dir, 'east', 'ipsec.conf');
    const text = readFileSync(path, 'utf8');
    // Swap one character of east's copy of west's key (line 5).
    const changed = text.replace(/(leftrsasigkey=0sAwEAA)(.)/, (_m, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'));
    expect(changed).not.toBe(text);
    writeFileSync(path, changed);
    const report = checkPair(end(join(dir, 'west')), end(join(dir, 'east')), 'latest');
    expect(report.findings.map((f) => f.notification)).toEqual(['AUTHENTICATION_FAILED']);
    const [f] = report.findings;
    expect(f.message).toMatch(/^east verifies west's signature with leftrsasigkey=/);
    expect([f.west.range.start.line + 1, f.east.range.start.line + 1]).toEqual([5, 5]);
    expect(f.west.text).toMatch(/^leftrsasigkey=0sAwEAA.{17}… \(\d+ characters\)$/);
    expect(runCli(['pair', join(dir, 'west'), join(dir, 'east')]).exitCode).toBe(1);
  });
});
