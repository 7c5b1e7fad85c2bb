import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFmt } from '../../server/cli/fmt-command';
import { runCli } from '../../server/cli/main';

const messy = 'conn west\n    left = 192.0.2.1\n\n\n\n    right=192.0.2.2   \nconn east\n  left=192.0.2.2\n';
const tidy = 'conn west\n\tleft=192.0.2.1\n\n\tright=192.0.2.2\n\nconn east\n\tleft=192.0.2.2\n';
// Made up for the test; it must never show in anything the command prints.
const fakeSecret = '"fmt-test-not-a-real-secret"';
const messySecrets = `@west   @east :   PSK ${fakeSecret}\n`;
const tidySecrets = `@west @east : PSK ${fakeSecret}\n`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-fmt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string, mode = 0o644): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('ipsec-lint fmt', () => {
  it('prints the formatted text of one file', () => {
    const path = file('ipsec.conf', messy);
    expect(runCli(['fmt', path])).toEqual({ stdout: tidy, stderr: '', exitCode: 0 });
    expect(readFileSync(path, 'utf8')).toBe(messy);
  });

  it('--check lists the files that would change and exits 1; 0 when all are formatted', () => {
    const a = file('a.conf', messy);
    const b = file('b.conf', tidy);
    expect(runCli(['fmt', '--check', a, b])).toEqual({ stdout: `${a}\n`, stderr: '', exitCode: 1 });
    expect(runCli(['fmt', '--check', b])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(readFileSync(a, 'utf8')).toBe(messy);
  });

  it('--diff prints a unified diff and exits 1', () => {
    const path = file('ipsec.conf', messy);
    const result = runCli(['fmt', '--diff', path]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`--- ${path}`);
    expect(result.stdout).toContain(`+++ ${path}`);
    expect(result.stdout).toContain('-    left = 192.0.2.1\n');
    expect(result.stdout).toContain('+\tleft=192.0.2.1\n');
    expect(runCli(['fmt', '--diff', file('tidy.conf', tidy)])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('--diff of a secrets file shows <secret> instead of secrets', () => {
    const path = file('ipsec.secrets', messySecrets, 0o600);
    const result = runCli(['fmt', '--diff', path]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('+@west @east : PSK <secret>');
    expect(result.stdout + result.stderr).not.toContain('not-a-real-secret');
  });

  it('does not print a secrets file named on the command line', () => {
    const path = file('ipsec.secrets', messySecrets, 0o600);
    const result = runCli(['fmt', path]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout + result.stderr).not.toContain('not-a-real-secret');
  });

  it('--write rewrites in place, keeping 0600, CRLF line endings and untouched formatted files', () => {
    const secrets = file('ipsec.secrets', messySecrets, 0o600);
    const crlf = file('crlf.conf', messy.replace(/\n/g, '\r\n'));
    const formatted = file('tidy.conf', tidy);
    const before = statSync(formatted).mtimeMs;
    const result = runCli(['fmt', '--write', secrets, crlf, formatted]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('not-a-real-secret');
    expect(readFileSync(secrets, 'utf8')).toBe(tidySecrets);
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(crlf, 'utf8')).toBe(tidy.replace(/\n/g, '\r\n'));
    expect(statSync(formatted).mtimeMs).toBe(before);
    expect(runCli(['fmt', '--check', secrets, crlf, formatted]).exitCode).toBe(0);
  });

  it('leaves a file with syntax errors untouched and exits 2', () => {
    const broken = 'conn west\n    left=192.0.2.1 192.0.2.9\n  right = 192.0.2.2\n';
    const path = file('broken.conf', broken);
    const good = file('good.conf', messy);
    const result = runCli(['fmt', '--write', path, good]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${path}:2:20: unexpected '192.0.2.9'`);
    expect(result.stderr).toContain(`${path}: has syntax errors; not formatted`);
    expect(readFileSync(path, 'utf8')).toBe(broken);
    // The other files are still formatted.
    expect(readFileSync(good, 'utf8')).toBe(tidy);
  });

  it('refuses a file that is not UTF-8, leaving it as it is', () => {
    const path = join(dir, 'latin1.conf');
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nconn west\n    left=192.0.2.1\n')]);
    writeFileSync(path, bytes);
    const result = runCli(['fmt', '--write', path]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('not UTF-8');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('walks folders for conf, secrets and policy files', () => {
    mkdirSync(join(dir, 'policies'));
    const conf = file('ipsec.conf', messy);
    const secrets = file('ipsec.secrets', messySecrets, 0o600);
    const policy = file('policies/private', '192.0.2.0/24    tcp 0 22\n');
    file('notes.txt', 'not a config   \n');
    const result = runCli(['fmt', '--check', dir]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual([conf, secrets, policy].sort());
  });

  it('takes format.indent from .ipsec-lint.json, and --indent over it', () => {
    writeFileSync(join(dir, '.ipsec-lint.json'), JSON.stringify({ format: { indent: 2 } }));
    const path = file('ipsec.conf', 'conn west\n\tleft=192.0.2.1\n');
    expect(runCli(['fmt', path]).stdout).toBe('conn west\n  left=192.0.2.1\n');
    expect(runCli(['fmt', '--indent', 'tab', path]).stdout).toBe('conn west\n\tleft=192.0.2.1\n');
    expect(runCli(['fmt', '--indent', '4', path]).stdout).toBe('conn west\n    left=192.0.2.1\n');
  });

  it('reports a bad format section of .ipsec-lint.json', () => {
    writeFileSync(join(dir, '.ipsec-lint.json'), JSON.stringify({ format: { indent: 'spaces', width: 2 } }));
    const result = runCli(['fmt', file('ipsec.conf', tidy)]);
    expect(result.stderr).toContain('format.indent: expected "tab" or a number of spaces');
    expect(result.stderr).toContain('format.width: unknown option');
  });

  it('rejects wrong command lines with exit 2', () => {
    const path = file('ipsec.conf', tidy);
    for (const argv of [['fmt'], ['fmt', '--check', '--write', path], ['fmt', path, path + '.other'], ['fmt', '--indent', 'x', path], ['fmt', '--kind', 'yaml', '-'], ['fmt', '--write', '-']]) {
      expect(runCli(argv).exitCode, argv.join(' ')).toBe(2);
    }
    expect(runCli(['fmt', '--help'])).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('ipsec-lint fmt') });
  });

  it('reads standard input for -', () => {
    const stdin = (text: string) => () => Buffer.from(text);
    expect(runFmt(['-'], stdin(messy))).toEqual({ stdout: tidy, stderr: '', exitCode: 0 });
    expect(runFmt(['--kind', 'secrets', '-'], stdin(messySecrets))).toEqual({ stdout: tidySecrets, stderr: '', exitCode: 0 });
    expect(runFmt(['--check', '-'], stdin(messy))).toEqual({ stdout: '<stdin>\n', stderr: '', exitCode: 1 });
  });

  it('is wired into the ipsec-lint command line (bin.ts reads standard input)', () => {
    const bin = resolve(__dirname, '../../server/cli/bin.ts');
    const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
    const result = spawnSync(tsx, [bin, 'fmt', '-'], { input: messy, encoding: 'utf8', cwd: dir });
    expect(result).toMatchObject({ status: 0, stdout: tidy });
  });
});
