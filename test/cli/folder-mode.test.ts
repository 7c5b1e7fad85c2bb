import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLint } from '../../server/cli/lint-command';
import { readSettingsFile } from '../../server/settings/settings-file';

let dir: string;
const bad = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n';
function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-folder-'));
  file('etc/ipsec.conf', bad);
  file('etc/nginx/nginx.conf', 'user www-data;\ninclude /etc/nginx/modules-enabled/*.conf;\nevents {\n\tworker_connections 768;\n}\n');
  file('etc/rsyslog.d/50-default.conf', 'auth,authpriv.*\t\t\t/var/log/auth.log\n');
  file('vpn/site-b.conf', bad);
  file('backup/old/ipsec.conf', bad);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lintedFiles = (args: string[]): string[] =>
  (JSON.parse(runLint(['--format', 'json', ...args]).stdout) as { filePath: string }[]).map((f) => f.filePath.slice(dir.length + 1)).sort();

describe('folder mode', () => {
  it("lints Libreswan's files by name and content, not every *.conf (nginx, rsyslog)", () => {
    expect(lintedFiles([dir])).toEqual(['backup/old/ipsec.conf', 'etc/ipsec.conf', 'vpn/site-b.conf']);
  });

  it('still lints a file named on the command line whatever it looks like', () => {
    expect(lintedFiles([join(dir, 'etc/nginx/nginx.conf')])).toEqual(['etc/nginx/nginx.conf']);
  });

  it('skips what --ignore-pattern names (gitignore style, relative to the working folder, repeatable)', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(lintedFiles(['--ignore-pattern', 'backup/', '.'])).toEqual(['etc/ipsec.conf', 'vpn/site-b.conf']);
      expect(lintedFiles(['--ignore-pattern', '**/site-*.conf', '--ignore-pattern', 'old', '.'])).toEqual(['etc/ipsec.conf']);
    } finally {
      process.chdir(cwd);
    }
  });

  it("skips what .ipsec-lint.json's ignorePatterns name, relative to its folder", () => {
    const settings = file('.ipsec-lint.json', '{ "ignorePatterns": ["backup/**", "vpn/*.conf", "!vpn/keep.conf"] }\n');
    try {
      file('vpn/keep.conf', bad);
      expect(lintedFiles([dir])).toEqual(['etc/ipsec.conf', 'vpn/keep.conf']);
    } finally {
      rmSync(settings);
      rmSync(join(dir, 'vpn/keep.conf'));
    }
  });
});

describe('settings files', () => {
  it('report unknown keys and unknown rule ids with a did-you-mean', () => {
    const path = file('s/.ipsec-lint.json', '{\n  "libreswanVerison": "5.2",\n  "rules": { "unknown-keywrd": "off", "secret-missing": "warn" }\n}\n');
    const { problems } = readSettingsFile(path);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      "2:3 unknown setting 'libreswanVerison'; did you mean 'libreswanVersion'?",
      "3:14 rules: unknown rule 'unknown-keywrd'; did you mean 'unknown-keyword'?",
    ]);
    const r = runLint([join(dir, 's')]);
    expect(r.stderr).toContain("unknown setting 'libreswanVerison'; did you mean 'libreswanVersion'?");
  });
});
