import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCryptoPolicyEra } from '../../../schemas/crypto-policies/index';
import { parseLibreswanVersion } from '../../../schemas/keywords';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { lintConf } from '../../../server/service/lint-conf';
import type { LintSettings } from '../../../server/settings/lint-settings';

export const fixtures = resolve(__dirname, '../../fixtures/rules');
export const cryptoRuleIds = [
  'invalid-proposal',
  'fips-disallowed-algorithm',
  'fips-psk-too-short',
  'crypto-policy-override',
  'weaker-than-crypto-policy',
  'crypto-policy-include-missing',
];

/**
 * A fixture's settings come from `# key: value` lines at its top: version, fips,
 * crypto-policy, crypto-policy-era, crypto-policy-file. `--root` is the fixture's own folder.
 */
export function fixtureSettings(path: string): LintSettings {
  const header = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^# ([a-z-]+): (\S+)\s*$/.exec(line);
    if (!m) break;
    header.set(m[1], m[2]);
  }
  return {
    libreswanVersion: parseLibreswanVersion(header.get('version') ?? 'latest') ?? 'latest',
    root: dirname(path),
    fips: header.get('fips') === 'true',
    rules: {},
    cryptoPolicy: header.get('crypto-policy'),
    // Unset unless the header names it: a named era or policy is itself a sign that the host
    // runs crypto-policies (crypto-policy-include-missing), and the fixtures must say so.
    cryptoPolicyEra: header.has('crypto-policy-era') ? parseCryptoPolicyEra(header.get('crypto-policy-era') ?? '') : undefined,
    cryptoPolicyFile: header.get('crypto-policy-file'),
  };
}

export function lintFixture(path: string) {
  return lintConf({ path, text: readFileSync(path, 'utf8'), fs: nodeFileSystem, cwd: dirname(path), settings: fixtureSettings(path) });
}

