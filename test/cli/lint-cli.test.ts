import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sarifSchemaErrors } from '../support/sarif-schema';

const cli = resolve(__dirname, '../../dist/ipsec-lint.cjs');
const examples = resolve(__dirname, '../../examples');

function run(args: readonly string[], cwd?: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rejectedByLibreswan: boolean;
}
interface JsonFile {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe('ipsec-lint (lint)', () => {
  it('passes the shipped examples with exit 0', () => {
    const r = run([examples]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it("prints ESLint's JSON shape with rejectedByLibreswan, and exits 1 on errors", () => {
    const path = file('bad/ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n\tdpdaction=clear\n');
    const r = run(['--format', 'json', path]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as JsonFile[];
    expect(out).toHaveLength(1);
    expect(out[0].filePath).toBe(path);
    const unknown = out[0].messages.find((m) => m.ruleId === 'unknown-keyword')!;
    expect(unknown).toMatchObject({ severity: 2, line: 4, column: 2, endLine: 4, endColumn: 7, rejectedByLibreswan: true });
    expect(unknown.message).toContain("did you mean 'right'");
    const obsolete = out[0].messages.find((m) => m.ruleId === 'obsolete-keyword')!;
    expect(obsolete).toMatchObject({ severity: 1, rejectedByLibreswan: false });
    expect(out[0].errorCount).toBe(out[0].messages.filter((m) => m.severity === 2).length);
    expect(out[0].warningCount).toBe(out[0].messages.filter((m) => m.severity === 1).length);
  });

  it('prints the stylish format by default', () => {
    const path = file('stylish/ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n');
    const r = run([path]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(path);
    expect(r.stdout).toMatch(/4:2\s+error\s+unknown 'conn' keyword 'rigth'.*unknown-keyword/);
    expect(r.stdout).toMatch(/✖ \d+ problems? \(1 error/);
  });

  it('honours --libreswan-version: keyexchange=ikev1 is an error for 4.10 only', () => {
    const path = file('version/ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tkeyexchange=ikev1\n');
    expect(run(['--libreswan-version', '4.10', path]).status).toBe(1);
    const latest = JSON.parse(run(['--format', 'json', path]).stdout) as JsonFile[];
    expect(latest[0].messages.filter((m) => m.ruleId === 'invalid-value')).toEqual([]);
  });

  it('reads .ipsec-lint.json upward from the file, and flags win over it', () => {
    const path = file('settings/etc/ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tkeyexchange=ikev1\n\tdpdaction=clear\n');
    file('settings/.ipsec-lint.json', JSON.stringify({ libreswanVersion: '4.10', rules: { 'obsolete-keyword': 'off' } }));
    const fromFile = JSON.parse(run(['--format', 'json', path]).stdout) as JsonFile[];
    expect(fromFile[0].messages.map((m) => m.ruleId)).toContain('invalid-value');
    expect(fromFile[0].messages.map((m) => m.ruleId)).not.toContain('obsolete-keyword');
    const flagged = JSON.parse(run(['--format', 'json', '--libreswan-version', 'latest', path]).stdout) as JsonFile[];
    expect(flagged[0].messages.map((m) => m.ruleId)).not.toContain('invalid-value');
  });

  it('maps absolute includes into --root', () => {
    file('root/etc/ipsec.conf', 'include /etc/ipsec.d/*.conf\n');
    file('root/etc/ipsec.d/a.conf', 'conn a\n\talso=b\n\tleft=192.0.2.1\n\tright=192.0.2.2\n');
    file('root/etc/ipsec.d/b.conf', 'conn b\n\tauthby=secret\n');
    const withRoot = run(['--format', 'json', '--root', join(dir, 'root'), join(dir, 'root/etc/ipsec.conf')]);
    const messages = (JSON.parse(withRoot.stdout) as JsonFile[]).flatMap((f) => f.messages);
    expect(messages.filter((m) => m.ruleId === 'include-problem' || m.ruleId === 'also-reference')).toEqual([]);
    const withoutRoot = JSON.parse(run(['--format', 'json', join(dir, 'root/etc/ipsec.conf')]).stdout) as JsonFile[];
    expect(withoutRoot.flatMap((f) => f.messages).some((m) => m.ruleId === 'include-problem')).toBe(true);
  });

  it('answers usage trouble with exit 2 and a hint, never a stack trace', () => {
    for (const args of [['--format', 'xml', examples], [], ['--libreswan-version', '3.1', examples], ['--bogus', examples]]) {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^ipsec-lint: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reports missing, binary and non-UTF-8 files clearly with exit 2', () => {
    const binary = file('io/binary.conf', Buffer.from([0x63, 0x6f, 0x6e, 0x6e, 0x00, 0x01, 0x02]));
    const latin1 = file('io/latin1.conf', Buffer.from('conn caf\xe9\n\tleft=192.0.2.1\n', 'latin1'));
    for (const [path, text] of [
      [binary, 'binary'],
      [latin1, 'UTF-8'],
      [join(dir, 'io/none.conf'), 'no such file'],
    ]) {
      const r = run([path]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(text);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('points at the line and column of a broken .ipsec-lint.json', () => {
    const path = file('badsettings/ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n');
    file('badsettings/.ipsec-lint.json', '{\n  "libreswanVersion": "4.10",\n  "rules": { "x": "loud" }\n}\n');
    const r = run([path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.ipsec-lint\.json:3:\d+: rules\.x: expected/);
  });
});

describe('ipsec-lint --format sarif', () => {
  it('prints SARIF 2.1.0 with the rules, levels, regions and rejectedByLibreswan', () => {
    const path = file('sarif/ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n\tdpdaction=clear\n');
    const r = run(['--format', 'sarif', path]);
    expect(r.status).toBe(1);
    expect(sarifSchemaErrors(r.stdout)).toEqual([]);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[]; properties: { rejectedByLibreswan: boolean } }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [run0] = sarif.runs;
    expect(run0.tool.driver.name).toBe('ipsec-lint');
    const unknown = run0.results.find((x) => x.ruleId === 'unknown-keyword')!;
    expect(unknown).toMatchObject({ level: 'error', properties: { rejectedByLibreswan: true } });
    expect(unknown.locations[0].physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 2 });
    expect(unknown.locations[0].physicalLocation.artifactLocation.uri).toBe(pathToFileURL(path).href);
    expect(run0.tool.driver.rules[unknown.ruleIndex].id).toBe('unknown-keyword');
    expect(run0.tool.driver.rules[unknown.ruleIndex].helpUri).toMatch(/docs\/rules\/unknown-keyword\.md$/);
    expect(run0.results.find((x) => x.ruleId === 'obsolete-keyword')?.level).toBe('warning');
  });
});

describe('ipsec-lint on pathological input', () => {
  it('keeps a finding about a megabyte-long value short', () => {
    const path = file('huge/ipsec.conf', `conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trekeymargin=${'x'.repeat(1_000_000)}\n`);
    const r = run(['--format', 'json', path]);
    expect(r.status).toBe(1);
    const [report] = JSON.parse(r.stdout) as JsonFile[];
    const finding = report.messages.find((m) => m.ruleId === 'invalid-value')!;
    expect(finding.message.length).toBeLessThanOrEqual(400);
    expect(finding.endColumn - finding.column).toBe(1_000_000);
    expect(r.stdout.length).toBeLessThan(5_000);
  });
});

describe('ipsec-lint - (standard input)', () => {
  function runWithInput(args: readonly string[], input: string | Buffer): { stdout: string; stderr: string; status: number | null } {
    const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  }

  it('lints a conf read from standard input, named by --stdin-filename', () => {
    const name = join(dir, 'stdin/ipsec.conf');
    const r = runWithInput(['--format', 'json', '--stdin-filename', name, '-'], 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n');
    expect(r.status).toBe(1);
    const [report] = JSON.parse(r.stdout) as JsonFile[];
    expect(report.filePath).toBe(name);
    expect(report.messages.map((m) => m.ruleId)).toContain('unknown-keyword');
  });

  it('picks the secrets grammar from the name, and never prints the secret', () => {
    const r = runWithInput(['--stdin-filename', join(dir, 'stdin/ipsec.secrets'), '-'], ': PSK "tooShortCanary"\n');
    expect(r.stdout).toContain('psk-too-short');
    expect(r.stdout).not.toContain('tooShortCanary');
  });

  it('refuses binary input with exit 2', () => {
    const r = runWithInput(['-'], Buffer.from([0x63, 0x00, 0x01]));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('<stdin>: binary input');
  });
});

describe('ipsec-lint --quiet and --max-warnings', () => {
  it('reports errors only with --quiet, and fails on too many warnings with --max-warnings', () => {
    const path = file('quiet/ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tdpdaction=clear\n');
    const all = JSON.parse(run(['--format', 'json', path]).stdout) as JsonFile[];
    expect(all[0].messages.map((m) => m.ruleId)).toContain('obsolete-keyword');
    expect(run([path]).status).toBe(0);
    const quiet = JSON.parse(run(['--format', 'json', '--quiet', path]).stdout) as JsonFile[];
    expect(quiet[0].messages).toEqual([]);
    const strict = run(['--max-warnings', '0', path]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('more than --max-warnings 0');
    expect(run(['--max-warnings', '10', path]).status).toBe(0);
    expect(run(['--max-warnings', 'many', path]).status).toBe(2);
  });
});
