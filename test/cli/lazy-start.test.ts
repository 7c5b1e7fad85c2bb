import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(__dirname, '../../dist/ipsec-lint.cjs');
const example = resolve(__dirname, '../../examples/host-to-host');

// Preloaded before the bundle: on exit, reports whether the Chevrotain bundle and node:crypto
// were loaded (a top-level call into either would load them at every start).
const probe = `process.on('exit', () => process.stderr.write('PROBE ' + JSON.stringify({
  grammar: Object.keys(require.cache).some((f) => f.endsWith('chevrotain-grammar.cjs')),
  crypto: process.moduleLoadList.some((m) => m === 'NativeModule crypto'),
}) + '\\n'));`;

function run(...args: string[]): { stdout: string; loaded: { grammar: boolean; crypto: boolean } } {
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-lazy-'));
  const probeFile = join(dir, 'probe.cjs');
  writeFileSync(probeFile, probe);
  const r = spawnSync(process.execPath, ['-r', probeFile, cli, ...args], { encoding: 'utf8' });
  const line = r.stderr.split('\n').find((l) => l.startsWith('PROBE '));
  if (line === undefined) throw new Error(`no probe line; stderr: ${r.stderr}`);
  return { stdout: r.stdout, loaded: JSON.parse(line.slice('PROBE '.length)) };
}

describe('the CLI loads Chevrotain and node:crypto only when used', () => {
  it('lints a plain ipsec.conf without either', () => {
    expect(run('--format', 'json', example).loaded).toEqual({ grammar: false, crypto: false });
  });

  it('loads the grammar bundle for a line the fast scanner leaves, and for a secrets file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-lazy-'));
    writeFileSync(join(dir, 'quoted.conf'), 'conn a\n\tleftid="@a"\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tauthby=secret\n');
    writeFileSync(join(dir, 'x.secrets'), '192.0.2.1 192.0.2.2 : PSK "correct horse battery staple"\n');
    const quoted = run('--format', 'json', join(dir, 'quoted.conf'));
    expect(quoted.loaded.grammar).toBe(true);
    expect(JSON.parse(quoted.stdout)).toBeDefined();
    const secrets = run('--format', 'json', join(dir, 'x.secrets'));
    expect(secrets.loaded.grammar).toBe(true);
    expect(secrets.stdout).toContain('psk-weak');
  });

  it('loads node:crypto for SARIF output, whose fingerprints are hashes', () => {
    const sarif = run('--format', 'sarif', resolve(__dirname, '../fixtures/rules/also-reference'));
    expect(sarif.loaded.crypto).toBe(true);
    expect(sarif.stdout).toMatch(/"partialFingerprints":\{"[^"]+":"[0-9a-f]{8,}/);
  });
});
