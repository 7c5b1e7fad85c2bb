import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CRYPTO_POLICY_ERAS } from '../../schemas/crypto-policies/index';
import { LIBRESWAN_VERSIONS } from '../../schemas/keywords';
import { ACCEPTED_RELEASES } from '../../schemas/release-names';
import { CLIENT_SETTING_KEYS, SETTINGS_SECTION } from '../../server/lsp/settings';
import { kindOfFileName } from '../../server/service/document-kind';
import { languageClientOptions } from '../../client/src/client-options';
import { confRules } from '../../server/rules/registry';
import { policyRules } from '../../server/rules/policy';
import { secretsRules } from '../../server/rules/secrets';

const clientDir = resolve(import.meta.dirname, '../../client');

interface Manifest {
  publisher: string;
  repository: { url: string };
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    languages: { id: string; filenames?: string[]; extensions?: string[]; filenamePatterns?: string[] }[];
    grammars: { language: string; scopeName: string; path: string }[];
    configuration: { properties: Record<string, { type: string; enum?: string[]; default?: unknown }> };
  };
}

/** The file names in a zip's central directory (a .vsix is a zip). */
function zipEntryNames(zip: Buffer): string[] {
  const names: string[] = [];
  for (let at = zip.indexOf('PK\u0001\u0002', 0, 'latin1'); at >= 0; at = zip.indexOf('PK\u0001\u0002', at + 4, 'latin1')) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength - 4;
  }
  return names;
}

const manifest = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8')) as Manifest;

/** Settings only the client reads (vscode-languageclient's message trace). */
const CLIENT_ONLY_SETTINGS = ['trace.server'];

describe('the VS Code extension manifest', () => {
  it('contributes exactly the settings the server reads', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties);
    expect(contributed.every((k) => k.startsWith(`${SETTINGS_SECTION}.`))).toBe(true);
    const serverSide = contributed.map((k) => k.slice(SETTINGS_SECTION.length + 1)).filter((k) => !CLIENT_ONLY_SETTINGS.includes(k));
    expect(serverSide.sort()).toEqual([...CLIENT_SETTING_KEYS].sort());
  });

  it('offers the versions and crypto-policy eras the schemas know', () => {
    const properties = manifest.contributes.configuration.properties;
    // Every release the CLI accepts (4.11 reads with 4.10's table, …), each table among them.
    expect(properties['ipsecLint.libreswanVersion'].enum).toEqual([...ACCEPTED_RELEASES]);
    expect(properties['ipsecLint.libreswanVersion'].enum).toEqual(expect.arrayContaining([...LIBRESWAN_VERSIONS]));
    // '' leaves the era unset: a host without crypto-policies gets no policy checks.
    expect(properties['ipsecLint.cryptoPolicyEra'].enum).toEqual(['', ...CRYPTO_POLICY_ERAS]);
    expect(properties['ipsecLint.cryptoPolicy'].default).toBe('');
  });

  it('declares the three languages with grammars whose scope names match the grammar files', () => {
    expect(manifest.contributes.languages.map((l) => l.id).sort()).toEqual(['ipsec-conf', 'ipsec-policy', 'ipsec-secrets']);
    expect(manifest.activationEvents.sort()).toEqual(['onLanguage:ipsec-conf', 'onLanguage:ipsec-policy', 'onLanguage:ipsec-secrets']);
    for (const grammar of manifest.contributes.grammars) {
      const source = resolve(import.meta.dirname, '../../grammar/textmate', grammar.path.replace('./syntaxes/', ''));
      const scopeName = (JSON.parse(readFileSync(source, 'utf8')) as { scopeName: string }).scopeName;
      expect(scopeName).toBe(grammar.scopeName);
      expect(existsSync(join(clientDir, grammar.path)), `${grammar.path} is copied by npm run build`).toBe(true);
    }
  });

  it('maps file names to the same grammar the server picks', () => {
    const byId = new Map(manifest.contributes.languages.map((l) => [l.id, l]));
    for (const name of byId.get('ipsec-conf')!.filenames ?? []) expect(kindOfFileName(`/etc/${name}`)).toBe('conf');
    for (const name of byId.get('ipsec-secrets')!.filenames ?? []) expect(kindOfFileName(`/etc/${name}`)).toBe('secrets');
    for (const ext of byId.get('ipsec-secrets')!.extensions ?? []) expect(kindOfFileName(`/etc/ipsec.d/site${ext}`)).toBe('secrets');
    for (const pattern of byId.get('ipsec-policy')!.filenamePatterns ?? []) expect(kindOfFileName(`/etc/ipsec.d/${pattern.replace('**/', '')}`)).toBe('policy');
  });
});

describe('the extension options', () => {
  it('send the server the rule pages shipped inside the extension, one per rule', () => {
    const options = languageClientOptions(clientDir).initializationOptions as { bundledRuleDocs: string };
    expect(options.bundledRuleDocs).toMatch(/^file:\/\/.*\/docs\/rules\/$/);
    const folder = fileURLToPath(options.bundledRuleDocs);
    const shipped = readdirSync(folder).filter((n) => n.endsWith('.md')).sort();
    const source = readdirSync(resolve(clientDir, '../docs/rules')).filter((n) => n.endsWith('.md')).sort();
    expect(shipped, 'npm run build copies docs/rules into client/').toEqual(source);
    for (const rule of [...confRules, ...secretsRules, ...policyRules]) expect(shipped).toContain(`${rule.meta.id}.md`);
  });
});

describe('the extension bundle', () => {
  it('loads with a stand-in vscode module and exports activate and deactivate', () => {
    const bundle = join(clientDir, manifest.main);
    expect(existsSync(bundle), 'run npm run build first').toBe(true);
    expect(existsSync(join(clientDir, 'dist/server.cjs'))).toBe(true);
    // Any property of the stand-in is a class that accepts anything, so module-level
    // `class X extends vscode.Y` and enum reads work as they do in VS Code.
    const standIn: object = new Proxy({}, { get: () => class StandIn {} });
    const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
    const original = loader._load;
    const asked: string[] = [];
    loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
      if (request === 'vscode') {
        asked.push(request);
        return standIn;
      }
      return original.call(this, request, parent, isMain);
    };
    try {
      const extension = createRequire(import.meta.url)(bundle) as { activate: unknown; deactivate: unknown };
      expect(typeof extension.activate).toBe('function');
      expect(typeof extension.deactivate).toBe('function');
      expect(asked.length).toBeGreaterThan(0);
    } finally {
      loader._load = original;
    }
  });
});

describe('vsce', () => {
  const out = mkdtempSync(join(tmpdir(), 'ipsec-lint-vsix-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('packages a .vsix offline', () => {
    expect(manifest.publisher).not.toBe('');
    expect(manifest.repository.url).toMatch(/^https:\/\//);
    const vsix = join(out, 'ipsec-lint.vsix');
    const vsce = resolve(import.meta.dirname, '../../node_modules/.bin/vsce');
    const run = spawnSync(vsce, ['package', '--no-dependencies', '-o', vsix], { cwd: clientDir, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    // The whole listing: what ships is exactly the bundle, the grammars, snippets, schema,
    // icon, changelog, licence and rule pages; no sources, maps or node_modules.
    const rulePages = readdirSync(join(clientDir, 'docs/rules')).filter((n) => n.endsWith('.md')).map((n) => `extension/docs/rules/${n}`);
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/changelog.md', // vsce writes these two names in lower case
      'extension/LICENSE.txt',
      'extension/readme.md',
      'extension/dist/extension.cjs',
      'extension/dist/server.cjs',
      'extension/icon.png',
      'extension/language-configuration.json',
      'extension/package.json',
      'extension/schemas/ipsec-lint.schema.json',
      'extension/snippets/ipsec-conf.json',
      'extension/snippets/ipsec-secrets.json',
      'extension/syntaxes/ipsec-conf.tmLanguage.json',
      'extension/syntaxes/ipsec-policy.tmLanguage.json',
      'extension/syntaxes/ipsec-secrets.tmLanguage.json',
      ...rulePages,
    ].sort();
    expect(zipEntryNames(readFileSync(vsix)).sort()).toEqual(expected);
  });
});
