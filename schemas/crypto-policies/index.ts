/**
 * The libreswan back-end outputs of Fedora/RHEL crypto-policies, one `.config` file per
 * policy and era (see PROVENANCE.md). This loader only finds and reads the text; the model
 * parses it with the conf grammar (server/model/crypto-policy.ts), as Libreswan would read
 * /etc/crypto-policies/back-ends/libreswan.config.
 */
import packed from './policies.json' with { type: 'json' };

export type CryptoPolicyEra = 'rhel8' | 'rhel9' | 'current';
export const CRYPTO_POLICY_ERAS: readonly CryptoPolicyEra[] = ['rhel8', 'rhel9', 'current'];
export const DEFAULT_CRYPTO_POLICY = 'DEFAULT';
export const DEFAULT_CRYPTO_POLICY_ERA: CryptoPolicyEra = 'current';

/** Where the system policy enters a config, on every Fedora/RHEL release. */
export const CRYPTO_POLICY_BACKEND_PATH = '/etc/crypto-policies/back-ends/libreswan.config';

export function parseCryptoPolicyEra(text: string): CryptoPolicyEra | undefined {
  return CRYPTO_POLICY_ERAS.find((e) => e === text.trim().toLowerCase());
}

/** The .config files of each era, packed by tools/pack-crypto-policies.mjs so bundles carry them. */
const files = packed as Readonly<Record<CryptoPolicyEra, Readonly<Record<string, string>>>>;

/** `FIPS:OSPP` is stored as `FIPS_OSPP.config`: a colon is not portable in file names. */
const fileNameOf = (policy: string): string => `${policy.toUpperCase().replace(/:/g, '_')}.config`;
const policyNameOf = (file: string): string => file.replace(/\.config$/, '').replace(/_/g, ':');

/** Policy names shipped for an era, sub-policies written `BASE:SUB`. */
export function cryptoPolicyNames(era: CryptoPolicyEra): string[] {
  return Object.keys(files[era]).map(policyNameOf).sort();
}

/** The back-end file a policy generates in an era, or undefined when we do not ship it. */
export function cryptoPolicyText(era: CryptoPolicyEra, policy: string): string | undefined {
  return files[era][fileNameOf(policy)];
}
