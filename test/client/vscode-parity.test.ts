import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_RELEASES } from '../../schemas/release-names';
import { parseLibreswanVersion } from '../../schemas/keywords';
import { readClientSettings } from '../../server/lsp/settings';
import { lintConf } from '../../server/service/lint-conf';
import { LanguageService } from '../../server/service/language-service';
import { pathToUri } from '../../server/service/uris';
import { defaultSettings } from '../../server/settings/lint-settings';
import { readSettingsFile, SETTINGS_KEYS } from '../../server/settings/settings-file';
import { buildSettingsSchema, SETTINGS_SCHEMA_PATH } from '../../tools/settings-schema';
import { memoryFileSystem } from '../service/memory-file-system';

const root = resolve(import.meta.dirname, '../..');
const clientDir = join(root, 'client');
interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}
const manifest = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8')) as {
  icon: string;
  contributes: {
    configuration: { properties: Record<string, { enum?: string[] }> };
    commands: { command: string; title: string }[];
    snippets: { language: string; path: string }[];
    jsonValidation: { fileMatch: string; url: string }[];
  };
};

describe('VS Code settings mirror the server', () => {
  it('offers every release the CLI accepts, and the server takes each', () => {
    const offered = manifest.contributes.configuration.properties['ipsecLint.libreswanVersion'].enum!;
    expect(offered).toEqual([...ACCEPTED_RELEASES]);
    for (const v of offered) {
      expect(parseLibreswanVersion(v), v).toBeDefined();
      expect(readClientSettings({ libreswanVersion: v }, '/w').problems).toEqual([]);
    }
    // And nothing the CLI refuses.
    expect(parseLibreswanVersion('4.9')).toBeUndefined();
  });

  it('passes cryptoPolicyFile to the server, relative to the workspace', () => {
    expect(manifest.contributes.configuration.properties).toHaveProperty(['ipsecLint.cryptoPolicyFile']);
    expect(readClientSettings({ cryptoPolicyFile: 'etc/crypto-policies/back-ends/libreswan.config' }, '/w').settings.cryptoPolicyFile).toBe('/w/etc/crypto-policies/back-ends/libreswan.config');
  });
});

/** A snippet's body with every placeholder at its default (the first choice of a list). */
function expand(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$UUID/g, '0123456789abcdef0123456789abcdef')
    .replace(/\$\d+/g, '');
}

describe('VS Code snippets', () => {
  const confSnippets = JSON.parse(readFileSync(join(clientDir, 'snippets/ipsec-conf.json'), 'utf8')) as Record<string, Snippet>;
  it("cover the seed chapter's scenarios", () => {
    expect(Object.values(confSnippets).map((s) => s.prefix).sort()).toEqual(
      ['config-setup', 'conn-host-to-host', 'conn-mesh', 'conn-ppk', 'conn-roadwarrior-client', 'conn-roadwarrior-server', 'conn-site-to-site', 'conn-tcp-fallback'].sort(),
    );
    expect(manifest.contributes.snippets.map((s) => s.path).sort()).toEqual(['./snippets/ipsec-conf.json', './snippets/ipsec-secrets.json']);
  });

  for (const [name, snippet] of Object.entries(confSnippets)) {
    it(`${name}: expands to a config that lints clean`, () => {
      // The TCP responder needs listen-tcp=yes in config setup, as the snippet says.
      const setup = snippet.prefix === 'conn-tcp-fallback' ? 'config setup\n\tlisten-tcp=yes\n\n' : '';
      const text = `${setup}${expand(snippet.body)}\n`;
      const policy = '/etc/crypto-policies/back-ends/libreswan.config';
      const files: Record<string, string> = { '/etc/ipsec.conf': text };
      // RHEL 10 runs Libreswan 5.2 with the current crypto-policies back-end.
      if (text.includes(policy)) files[policy] = readFileSync(join(root, 'schemas/crypto-policies/current/DEFAULT.config'), 'utf8');
      const fs = memoryFileSystem(files);
      const { diagnostics } = lintConf({ path: '/etc/ipsec.conf', text, fs, settings: { ...defaultSettings, libreswanVersion: '5.2' } });
      expect(diagnostics.map((d) => `${d.range.start.line + 1} ${d.ruleId}: ${d.message}`)).toEqual([]);
    });
  }
});

describe('the .ipsec-lint.json JSON Schema', () => {
  const schema = JSON.parse(readFileSync(SETTINGS_SCHEMA_PATH, 'utf8')) as { properties: Record<string, unknown> };
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('is what tools/settings-schema.ts builds (regenerate with npx tsx tools/settings-schema.ts)', () => {
    expect(schema).toEqual(buildSettingsSchema());
    expect(Object.keys(schema.properties).sort()).toEqual([...SETTINGS_KEYS].sort());
  });

  it('is contributed through jsonValidation', () => {
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: '.ipsec-lint.json', url: './schemas/ipsec-lint.schema.json' }]);
  });

  it('accepts every settings file the project ships, and agrees with the reader on a bad one', () => {
    const files = [...readdirSync(join(root, 'examples')).map((d) => join(root, 'examples', d, '.ipsec-lint.json')), join(root, 'test/fixtures/rules/crypto-policy-override/settings/.ipsec-lint.json')];
    for (const file of files) {
      expect(validate(JSON.parse(readFileSync(file, 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(readSettingsFile(file).problems).toEqual([]);
    }
    expect(validate({ libreswanVerison: '5.2' })).toBe(false);
    expect(validate({ rules: { 'unknown-keywrd': 'off' } })).toBe(false);
    expect(validate({ rules: { 'unknown-keyword': 'off' }, format: { indent: 4 }, ignorePatterns: ['backup/**'] })).toBe(true);
  });
});

describe('Show effective connection', () => {
  it('is a contributed command, registered by the extension bundle', () => {
    expect(manifest.contributes.commands).toEqual([{ command: 'ipsecLint.showEffectiveConnection', title: 'Show effective connection', category: 'ipsec-lint' }]);
    expect(readFileSync(join(clientDir, 'dist/extension.cjs'), 'utf8')).toContain('ipsecLint.showEffectiveConnection');
  });

  it('gives the conn under the cursor with each value and where it came from', () => {
    const fs = memoryFileSystem({
      '/site/ipsec.conf': 'conn %default\n\tikev2=insist\n\ninclude ipsec.d/*.conf\n',
      '/site/ipsec.d/base.conf': 'conn base\n\tleft=192.0.2.1\n\tleftid="@west side"\n',
      '/site/ipsec.d/tunnel.conf': 'conn tunnel\n\talso=base\n\tright=192.0.2.2\n\tauto=start\n',
    });
    const ls = new LanguageService({ fs, settingsFor: () => defaultSettings });
    const uri = pathToUri('/site/ipsec.d/tunnel.conf');
    ls.openDocument(uri, 'ipsec-conf', 1, 'conn tunnel\n\talso=base\n\tright=192.0.2.2\n\tauto=start\n');
    const shown = ls.effectiveConnection(uri, { line: 2, character: 3 });
    expect(shown?.name).toBe('tunnel');
    const lines = shown!.text.split('\n');
    expect(lines).toContain('conn tunnel');
    expect(lines.find((l) => l.startsWith('\tleft='))).toMatch(/# ipsec\.d\/base\.conf:2, also=base$/);
    expect(lines.find((l) => l.startsWith('\tleftid='))).toMatch(/^\tleftid="@west side" +#/);
    expect(lines.find((l) => l.startsWith('\tikev2='))).toMatch(/# ipsec\.conf:2, conn %default$/);
    expect(lines.find((l) => l.startsWith('\tright='))).toMatch(/# ipsec\.d\/tunnel\.conf:3$/);
    expect(ls.effectiveConnection(uri, { line: 99, character: 0 })).toBeNull();
  });
});
