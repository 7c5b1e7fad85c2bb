/**
 * The libreswan back-end outputs of Fedora/RHEL crypto-policies, one `.config` file per
 * policy and era (see PROVENANCE.md). This loader only finds and reads the text; the model
 * parses it with the conf grammar (server/model/crypto-policy.ts), as Libreswan would read
 * /etc/crypto-policies/back-ends/libreswan.config.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type CryptoPolicyEra = 'rhel8' | 'rhel9' | 'current';
export const CRYPTO_POLICY_ERAS: readonly CryptoPolicyEra[] = ['rhel8', 'rhel9', 'current'];
export const DEFAULT_CRYPTO_POLICY = 'DEFAULT';
export const DEFAULT_CRYPTO_POLICY_ERA: CryptoPolicyEra = 'current';

/** Where the system policy enters a config, on every Fedora/RHEL release. */
export const CRYPTO_POLICY_BACKEND_PATH = '/etc/crypto-policies/back-ends/libreswan.config';

export function parseCryptoPolicyEra(text: string): CryptoPolicyEra | undefined {
  return CRYPTO_POLICY_ERAS.find((e) => e === text.trim().toLowerCase());
}

/**
 * The folder holding the era folders: beside this module in the source tree, and
 * `../schemas/crypto-policies` beside a bundle in dist/ (the npm package ships schemas/).
 */
let folderFound: string | undefined | null = null;
function dataFolder(): string | undefined {
  if (folderFound !== null) return folderFound;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [here, join(here, '../schemas/crypto-policies'), join(here, '../../schemas/crypto-policies')];
  folderFound = candidates.find((c) => existsSync(join(c, DEFAULT_CRYPTO_POLICY_ERA, `${DEFAULT_CRYPTO_POLICY}.config`)));
  return folderFound;
}

/** `FIPS:OSPP` is stored as `FIPS_OSPP.config`: a colon is not portable in file names. */
const fileNameOf = (policy: string): string => `${policy.toUpperCase().replace(/:/g, '_')}.config`;
const policyNameOf = (file: string): string => file.replace(/\.config$/, '').replace(/_/g, ':');

/** Policy names shipped for an era, sub-policies written `BASE:SUB`. */
export function cryptoPolicyNames(era: CryptoPolicyEra): string[] {
  const folder = dataFolder();
  if (!folder) return [];
  return readdirSync(join(folder, era)).filter((f) => f.endsWith('.config')).map(policyNameOf).sort();
}

/** The back-end file a policy generates in an era, or undefined when we do not ship it. */
export function cryptoPolicyText(era: CryptoPolicyEra, policy: string): string | undefined {
  const key = `${era}/${fileNameOf(policy)}`;
  if (texts.has(key)) return texts.get(key);
  const folder = dataFolder();
  const file = folder === undefined ? undefined : join(folder, era, fileNameOf(policy));
  const text = file !== undefined && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  texts.set(key, text);
  return text;
}

const texts = new Map<string, string | undefined>();
