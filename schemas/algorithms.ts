/**
 * Typed, read-only view of `algorithms.json`: every proposal algorithm Libreswan
 * knows, per release, plus the defaults each release proposes when `ike=`,
 * `esp=` or `ah=` is left unset.
 *
 * The JSON is data only; the few helpers here answer "is this algorithm there,
 * and usable for that protocol, in that release?" so that callers never
 * re-derive those facts with `if` chains.
 */
import data from './algorithms.json' with { type: 'json' };
import type { LibreswanVersion } from './keywords';

export type { LibreswanVersion };

export type AlgorithmType = 'encrypt' | 'prf' | 'integ' | 'ke' | 'sn';
export type ProposalProtocol = 'ike' | 'esp' | 'ah';
export type IkeVersion = 1 | 2;

export interface AlgorithmIds {
  /** IKEv1 Main/Aggressive mode (the IKE SA). */
  readonly ikev1Ike: boolean;
  /** IKEv1 quick mode (ESP/AH, and their PFS group). */
  readonly ikev1Ipsec: boolean;
  readonly ikev2: boolean;
}

export interface AlgorithmInfo {
  readonly type: AlgorithmType;
  /** Libreswan's canonical spelling, as printed by `ipsec algparse`. */
  readonly name: string;
  /** Every accepted spelling, lower case; lookups ignore case. */
  readonly names: readonly string[];
  readonly fips: boolean;
  readonly aead?: boolean;
  /** Ascending. Only for encryption algorithms. */
  readonly keyLengths?: readonly number[];
  readonly defaultKeyLength?: number | null;
  readonly keyLengthAllowed?: boolean;
  /** False when only the kernel implements it, so it cannot protect the IKE SA. */
  readonly ikeImplemented: boolean;
  readonly ids: AlgorithmIds;
  /** Integrity algorithms built from a PRF name the PRF here. */
  readonly prf?: string;
  /** Releases whose default build offers it. */
  readonly versions: readonly LibreswanVersion[];
  /** Releases where it exists only behind an off-by-default build flag. */
  readonly optionalIn: readonly LibreswanVersion[];
  readonly overrides?: readonly { readonly versions: readonly LibreswanVersion[]; readonly ids: Partial<AlgorithmIds> }[];
}

export interface DefaultProposals {
  readonly versions: readonly LibreswanVersion[];
  readonly protocol: ProposalProtocol;
  readonly ikeVersion: IkeVersion;
  /** The proposal string used when the keyword is unset. */
  readonly proposals: { readonly normal: string; readonly fips: string };
  /** Algorithms merged into a proposal that leaves that transform out. */
  readonly transforms: Partial<Record<'prf' | 'integ' | 'ke', readonly string[]>>;
}

interface AlgorithmData {
  readonly versions: readonly LibreswanVersion[];
  readonly algorithms: readonly AlgorithmInfo[];
  readonly knownUnsupportedNames: Readonly<Record<AlgorithmType, readonly string[]>>;
  readonly defaults: readonly DefaultProposals[];
}

const table = data as unknown as AlgorithmData;

export const LIBRESWAN_VERSIONS: readonly LibreswanVersion[] = table.versions;
export const ALGORITHMS: readonly AlgorithmInfo[] = table.algorithms;

const byTypeAndName = new Map<string, AlgorithmInfo>();
for (const algorithm of ALGORITHMS) {
  for (const name of algorithm.names) byTypeAndName.set(`${algorithm.type}:${name}`, algorithm);
}

/** The algorithm of that type that a spelling names, in any release. */
export function findAlgorithm(type: AlgorithmType, name: string): AlgorithmInfo | undefined {
  return byTypeAndName.get(`${type}:${name.toLowerCase()}`);
}

export function algorithmByCanonicalName(type: AlgorithmType, canonical: string): AlgorithmInfo | undefined {
  return ALGORITHMS.find((a) => a.type === type && a.name === canonical);
}

/** IANA names Libreswan recognises but does not implement ("is not supported"). */
export function isKnownUnsupportedName(type: AlgorithmType, name: string): boolean {
  return table.knownUnsupportedNames[type].includes(name.toLowerCase());
}

export function isBuiltIn(algorithm: AlgorithmInfo, version: LibreswanVersion): boolean {
  return algorithm.versions.includes(version);
}

export function idsIn(algorithm: AlgorithmInfo, version: LibreswanVersion): AlgorithmIds {
  let ids = algorithm.ids;
  for (const override of algorithm.overrides ?? []) {
    if (override.versions.includes(version)) ids = { ...ids, ...override.ids };
  }
  return ids;
}

/** Whether the algorithm has a wire id for that protocol under that IKE version. */
export function hasWireId(algorithm: AlgorithmInfo, protocol: ProposalProtocol, ikeVersion: IkeVersion, version: LibreswanVersion): boolean {
  const ids = idsIn(algorithm, version);
  if (ikeVersion === 2) return ids.ikev2;
  return protocol === 'ike' ? ids.ikev1Ike : ids.ikev1Ipsec;
}

export function defaultsFor(protocol: ProposalProtocol, ikeVersion: IkeVersion, version: LibreswanVersion): DefaultProposals {
  const found = table.defaults.find((d) => d.protocol === protocol && d.ikeVersion === ikeVersion && d.versions.includes(version));
  if (found === undefined) throw new Error(`no defaults for ${protocol} IKEv${ikeVersion} in ${version}`);
  return found;
}
