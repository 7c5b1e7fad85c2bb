import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseCryptoPolicyEra } from '../../schemas/crypto-policies/index';
import { parseLibreswanVersion } from '../../schemas/keywords';
import { nodeFileSystem } from '../model/node-file-system';
import { loadPairEnd, type PairEnd } from '../pair/index';
import { UsageError } from './command-result';
import { SettingsResolver, type SettingsFlags } from './resolve-settings';

/** The settings flags `pair` and `fleet` share, and that `pair` also takes per host (`--west-fips`). */
export const hostSettingOptions = {
  'libreswan-version': { type: 'string' },
  fips: { type: 'boolean' },
  'crypto-policy': { type: 'string' },
  'crypto-policy-era': { type: 'string' },
  'crypto-policy-file': { type: 'string' },
} as const;

type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** Reads `--PREFIXlibreswan-version` and the others into settings flags; a wrong value is a usage error. */
export function settingsFlags(values: FlagValues, prefix = ''): SettingsFlags {
  const flag = (name: string): string | boolean | undefined => values[prefix + name];
  const text = (name: string): string | undefined => {
    const v = flag(name);
    return typeof v === 'string' ? v : undefined;
  };
  const out: { -readonly [K in keyof SettingsFlags]: SettingsFlags[K] } = {};
  const version = text('libreswan-version');
  if (version !== undefined) {
    const v = parseLibreswanVersion(version);
    if (!v) throw new UsageError(`unsupported --${prefix}libreswan-version '${version}' (use 4.10 … 4.15, 5.0 … 5.4, or latest)`);
    out.libreswanVersion = v;
  }
  if (flag('fips') === true) out.fips = true;
  const policy = text('crypto-policy');
  if (policy !== undefined) out.cryptoPolicy = policy;
  const era = text('crypto-policy-era');
  if (era !== undefined) {
    const e = parseCryptoPolicyEra(era);
    if (!e) throw new UsageError(`--${prefix}crypto-policy-era must be rhel8, rhel9 or current, not '${era}'`);
    out.cryptoPolicyEra = e;
  }
  const file = text('crypto-policy-file');
  if (file !== undefined) out.cryptoPolicyFile = resolve(file);
  return out;
}

export type LoadedHost = { readonly ok: true; readonly end: PairEnd } | { readonly ok: false; readonly message: string };

/**
 * Loads a host (an /etc-like folder or a conf file) with its own settings: the host's
 * flags, then the run's, then the `.ipsec-lint.json` found from the host's folder upward.
 */
export function loadHost(given: string, ...flags: readonly SettingsFlags[]): LoadedHost {
  const full = resolve(given);
  let isFolder: boolean;
  try {
    isFolder = statSync(full).isDirectory();
  } catch {
    return { ok: false, message: `${given}: no such file or folder` };
  }
  const merged: SettingsFlags = Object.assign({}, ...[...flags].reverse());
  const settings = new SettingsResolver(merged).forFile(isFolder ? resolve(full, 'ipsec.conf') : full);
  const loaded = loadPairEnd(full, isFolder, nodeFileSystem, settings);
  return loaded.ok ? loaded : { ok: false, message: loaded.message };
}

/** A host's name in messages: its folder's name, or its conf file's without `.conf`; made unique. */
export function hostNames(paths: readonly string[]): string[] {
  const names = paths.map((p) => {
    const b = basename(resolve(p));
    return b === 'etc' ? basename(resolve(p, '..')) : b.replace(/\.conf$/, '');
  });
  return names.map((n, i) => (names.indexOf(n) === i && names.lastIndexOf(n) === i ? n : `${n}#${i + 1}`));
}
