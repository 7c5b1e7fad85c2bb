import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main';
import { runLint } from '../../server/cli/lint-command';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-fix-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openswan = 'config setup\n\tnat_traversal=yes # behind NAT\n\tprotostack=netkey\n\nconn road\n\tleft=192.0.2.1\n\tright=%any\n\tike_frag=yes\n\tikev2=permit\n\tauto=add\n';

function file(name: string, text: string, mode = 0o644): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('ipsec-lint --fix', () => {
  it('rewrites in place, keeping the mode and every comment, then reports what is left', () => {
    const path = file('a.conf', openswan, 0o640);
    const result = runCli(['--fix', '--libreswan-version', '5.4', path]);
    const after = readFileSync(path, 'utf8');
    expect(after).toContain('\t# nat_traversal=yes removed by ipsec-lint: NAT traversal is always on since Libreswan 3.9 # behind NAT\n');
    expect(after).toContain('\tprotostack=xfrm\n');
    expect(after).toContain('\tfragmentation=yes\n');
    // A choice the peer must share stays as written, and is reported.
    expect(after).toContain('\tikev2=permit\n');
    expect(result.stdout).toContain('ikev2=permit');
    expect(result.stdout).toContain('the peer must change too');
    expect(result.stderr).toContain(`fixed ${path}`);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    // The exit status is the lint's of the fixed file.
    expect(result.exitCode).toBe(runCli(['--libreswan-version', '5.4', path]).exitCode);
    // Idempotent: a second run changes nothing.
    const again = runCli(['--fix', '--libreswan-version', '5.4', path]);
    expect(readFileSync(path, 'utf8')).toBe(after);
    expect(again.stderr).not.toContain('fixed');
  });

  it('--fix-dry-run prints a unified diff and writes nothing; errors it would leave go to stderr', () => {
    const path = file('b.conf', 'config setup\n\tmyid=@west\n\tnat_traversal=yes\n');
    const result = runCli(['--fix-dry-run', '--libreswan-version', '4.10', path]);
    expect(readFileSync(path, 'utf8')).toBe('config setup\n\tmyid=@west\n\tnat_traversal=yes\n');
    expect(result.stdout).toContain(`--- ${path}`);
    expect(result.stdout).toContain('-\tnat_traversal=yes');
    expect(result.stdout).toContain('+\t# nat_traversal=yes removed by ipsec-lint');
    expect(result.stderr).toMatch(/b\.conf:2:2: error: .*'myid' went in Libreswan 3\.23/);
    expect(result.exitCode).toBe(1);
  });

  it('fixes standard input only in --fix-dry-run', () => {
    const result = runLint(['--fix-dry-run', '--libreswan-version', '4.10', '--stdin-filename', join(dir, 'in.conf'), '-'], () => Buffer.from('conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tkeyexchange=ikev1\n'));
    expect(result.stdout).toContain('+\tikev2=no');
    expect(() => runLint(['--fix', '-'], () => Buffer.from(''))).toThrow(/--fix cannot write to standard input/);
    expect(runCli(['--fix', '--fix-dry-run', join(dir, 'a.conf')]).exitCode).toBe(2);
  });

  it('never rewrites an ipsec.secrets file', () => {
    const secrets = file('ipsec.secrets', ': PSK "a secret that must stay as it is"\n', 0o600);
    const before = readFileSync(secrets);
    const result = runCli(['--fix', secrets]);
    expect(readFileSync(secrets).equals(before)).toBe(true);
    expect(result.stderr).not.toContain('fixed');
    expect(result.stdout + result.stderr).not.toContain('a secret that must stay');
  });
});
