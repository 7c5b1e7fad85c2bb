import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readClientSettings, ServerSettings } from '../../server/lsp/settings';

describe('server settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what the client sends, keeps the valid parts and names the rest', () => {
    const { settings, problems } = readClientSettings(
      { libreswanVersion: '5.2.1', fips: true, cryptoPolicy: ' FUTURE ', cryptoPolicyEra: 'rhel7', root: 'hosts/west', rules: { 'unknown-keyword': 'warn', 'duplicate-key': 'loud' } },
      '/work/site',
    );
    expect(settings).toEqual({ libreswanVersion: '5.2', fips: true, cryptoPolicy: 'FUTURE', root: '/work/site/hosts/west', rules: { 'unknown-keyword': 'warning' } });
    expect(problems).toEqual([expect.stringContaining('cryptoPolicyEra'), expect.stringContaining('rules.duplicate-key')]);
    expect(readClientSettings(null, undefined)).toEqual({ settings: {}, problems: [] });
  });

  it('reads docsBaseUrl as a URL ending in a slash, and names one that is not a URL', () => {
    expect(readClientSettings({ docsBaseUrl: 'https://mirror.example.org/rules' }, undefined)).toEqual({ settings: { docsBaseUrl: 'https://mirror.example.org/rules/' }, problems: [] });
    expect(readClientSettings({ docsBaseUrl: '' }, undefined)).toEqual({ settings: {}, problems: [] });
    expect(readClientSettings({ docsBaseUrl: 'ftp://x/' }, undefined).problems).toEqual([expect.stringContaining('ipsecLint.docsBaseUrl')]);
  });

  it('lets the project .ipsec-lint.json win over the editor settings, field by field', () => {
    mkdirSync(join(dir, 'project/etc'), { recursive: true });
    writeFileSync(join(dir, 'project/.ipsec-lint.json'), JSON.stringify({ libreswanVersion: '4.15', root: '.', rules: { 'obsolete-keyword': 'error' } }));
    const settings = new ServerSettings();
    settings.setClientSettings({ libreswanVersion: '5.4', fips: true, rules: { 'obsolete-keyword': 'off', 'unknown-keyword': 'info' } });
    expect(settings.settingsFor(join(dir, 'project/etc/ipsec.conf'))).toMatchObject({
      libreswanVersion: '4.15',
      fips: true,
      root: join(dir, 'project'),
      rules: { 'obsolete-keyword': 'error', 'unknown-keyword': 'info' },
    });
    expect(settings.settingsFor(join(dir, 'elsewhere.conf')).libreswanVersion).toBe('5.4');
    expect(settings.settingsFor('untitled:Untitled-1').libreswanVersion).toBe('5.4');
  });

  it('reports problems in a settings file and forgets it when it changes', () => {
    mkdirSync(join(dir, 'broken'), { recursive: true });
    writeFileSync(join(dir, 'broken/.ipsec-lint.json'), '{"fips": "yes"}');
    const settings = new ServerSettings();
    expect(settings.settingsFor(join(dir, 'broken/ipsec.conf')).fips).toBe(false);
    expect([...settings.settingsFileProblems().values()].flat().map((p) => p.message)).toEqual(['fips: expected true or false']);
    writeFileSync(join(dir, 'broken/.ipsec-lint.json'), '{"fips": true}');
    settings.forgetSettingsFiles();
    expect(settings.settingsFor(join(dir, 'broken/ipsec.conf')).fips).toBe(true);
  });
});
