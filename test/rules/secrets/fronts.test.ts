import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli/main';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { policyRules, secretsRules } from '../../../server/rules/registry';
import { LanguageService } from '../../../server/service/language-service';
import { pathToUri } from '../../../server/service/uris';
import { defaultSettings } from '../../../server/settings/lint-settings';
import { memoryFileSystem } from '../../service/memory-file-system';

/*
 * Every secrets and policy rule reaches both fronts: `ipsec-lint` on the fixture folder and
 * the language service with the fixture's files open report the same lines. And the rules
 * whose findings land in ipsec.conf (secret-missing, ppk-missing, …) show when only the conf
 * is linted or open, and follow unsaved edits of ipsec.secrets in the editor.
 */

const fixtures = resolve(__dirname, '../../fixtures/rules');
const scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-fronts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function staged(id: string): string {
  const dir = join(scratch, id);
  cpSync(join(fixtures, id, 'bad'), dir, { recursive: true });
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (name.endsWith('.secrets')) chmodSync(join(dir, name), id === 'secrets-file-mode' ? 0o644 : 0o600);
  }
  // A scratch folder is no host: modes are judged because the project's settings ask.
  if (id === 'secrets-file-mode') writeFileSync(join(dir, '.ipsec-lint.json'), '{ "checkFileModes": true }\n');
  return dir;
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((n) => join(dir, n)).filter((p) => statSync(p).isFile()).sort();
}

interface JsonReport {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string; readonly line: number }[];
}

function cliLines(target: string, id: string): string[] {
  const r = runCli(['--format', 'json', target]);
  const reports = JSON.parse(r.stdout) as JsonReport[];
  return reports.flatMap((f) => f.messages.filter((m) => m.ruleId === id).map((m) => `${f.filePath}:${m.line}`)).sort();
}

function serviceLines(dir: string, id: string): string[] {
  const ls = new LanguageService({ fs: nodeFileSystem, settingsFor: () => (id === 'secrets-file-mode' ? { ...defaultSettings, checkFileModes: true } : defaultSettings) });
  const files = filesUnder(dir).filter((p) => !p.endsWith('.ipsec-lint.json'));
  for (const path of files) ls.openDocument(pathToUri(path), undefined, 1, readFileSync(path, 'utf8'));
  ls.validate();
  return files.flatMap((path) => ls.diagnostics(pathToUri(path)).filter((d) => d.code === id).map((d) => `${path}:${d.range.start.line + 1}`)).sort();
}

describe('secrets and policy rules in both fronts', () => {
  for (const rule of [...secretsRules, ...policyRules]) {
    const id = rule.meta.id;
    it(`${id}: the CLI and the language service report the same lines`, () => {
      const dir = staged(id);
      const cli = cliLines(dir, id);
      expect(cli.length).toBeGreaterThan(0);
      expect(serviceLines(dir, id)).toEqual(cli);
    });
  }

  it('secret-missing and ppk-missing show when only ipsec.conf is linted', () => {
    for (const id of ['secret-missing', 'ppk-missing']) {
      const dir = staged(id);
      expect(cliLines(join(dir, 'ipsec.conf'), id), id).toEqual([`${join(dir, 'ipsec.conf')}:1`]);
    }
  });

  it('reports a conf finding once when the CLI reads the conf and the secrets', () => {
    const dir = staged('secret-missing');
    expect(cliLines(dir, 'secret-missing')).toEqual([`${join(dir, 'ipsec.conf')}:1`]);
  });

  it("follows unsaved edits of ipsec.secrets in the editor, on the conf's diagnostics", () => {
    const conf = 'conn west-east\n\tleft=192.0.2.1\n\tleftid=@west\n\tright=198.51.100.1\n\trightid=@east\n\tauthby=secret\n\tauto=add\n';
    const fs = memoryFileSystem({ '/site/ipsec.conf': conf, '/site/ipsec.secrets': '@west @north : PSK "Pq8Wm2Zx5Lc7Vb3Nk9Hj4Gf6Ds1Aa0Qe8Rt2Yu5Io7Pl3Kj9Mn4Bv6Cx1Za8Sd2F"\n' });
    const ls = new LanguageService({ fs, settingsFor: () => defaultSettings });
    const confUri = pathToUri('/site/ipsec.conf');
    const secretsUri = pathToUri('/site/ipsec.secrets');
    const missing = (): number => ls.diagnostics(confUri).filter((d) => d.code === 'secret-missing').length;
    ls.openDocument(confUri, 'ipsec-conf', 1, conf);
    ls.validate();
    expect(missing()).toBe(1);
    ls.openDocument(secretsUri, 'ipsec-secrets', 1, '@west @east : PSK "Pq8Wm2Zx5Lc7Vb3Nk9Hj4Gf6Ds1Aa0Qe8Rt2Yu5Io7Pl3Kj9Mn4Bv6Cx1Za8Sd2F"\n');
    const published = ls.validate();
    expect(published.map((p) => p.uri)).toContain(confUri);
    expect(missing()).toBe(0);
    ls.closeDocument(secretsUri);
    ls.validate();
    expect(missing()).toBe(1);
  });
});
