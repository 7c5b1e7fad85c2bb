/**
 * Where a conn's own crypto settings replace the system crypto policy's `conn %default`
 * values, and what that changes. Shared by `crypto-policy-override` (every replacement)
 * and `weaker-than-crypto-policy` (replacements that allow what the policy does not).
 */
import type { AlgorithmType } from '../../../schemas/algorithms';
import type { LibreswanVersion } from '../../../schemas/keywords';
import type { Assignment, Setting } from '../../model/connections';
import { connCrypto, ikeVersionFrom, pfsFrom, type ConnCrypto } from '../../model/crypto-context';
import { compareProposals, type ActiveCryptoPolicy, type ProposalComparison } from '../../model/crypto-policy';
import { strengthOf, type OfferedAlgorithm } from '../../model/proposal-algorithms';
import { parseProposalCached } from '../../model/proposal-cache';
import type { ProposalOptions } from '../../../grammar/proposal/index';
import type { ResolvedConfig } from '../../model/connections';

export type OverrideKind = 'ike' | 'esp' | 'authby' | 'ike-version' | 'pfs';

/** One thing an override allows that the policy does not. */
export interface Weakening {
  /** For messages: `DH group MODP1536`, `IKEv1`, `signature method rsa-sha1`. */
  readonly label: string;
  /** Where the value names it (offsets in the value text); empty when a default fills it in. */
  readonly spans: readonly { readonly start: number; readonly end: number }[];
  /** What the policy offers of the same kind, strongest-first as the policy lists it. */
  readonly instead: readonly string[];
}

export interface PolicyOverride {
  readonly kind: OverrideKind;
  readonly assignment: Assignment;
  /** The policy's own line, e.g. `ike=aes_gcm256-…`, or what the policy implies. */
  readonly policyText: string;
  readonly conns: string[];
  readonly comparison?: ProposalComparison;
  /** Signature methods the conn allows and the policy does not (authby=). */
  readonly addedAuth?: readonly string[];
  readonly droppedAuth?: readonly string[];
  /** What the conn allows and the policy does not, for the weaker rule; empty when nothing. */
  readonly weaker: readonly Weakening[];
  /** False when the policy does not set the key (it only implies it): not an override. */
  readonly replacesPolicyLine: boolean;
}

const TYPE_WORDS: Readonly<Record<AlgorithmType, string>> = { encrypt: 'cipher', prf: 'PRF', integ: 'integrity', ke: 'DH group', sn: 'sequence numbers' };

const normalise = (v: string): string => v.trim().toLowerCase();
const authItems = (v: string): string[] => v.split(/[\s,]+/).map(normalise).filter((x) => x !== '');
/** Signature methods crypto-policies can leave out; `secret`, `null`, `rsasig` are other kinds of authby. */
const SIGNATURE_METHOD = /^(rsa|ecdsa)-/;

/** Below this, an algorithm is weak even where the policy offers nothing of its type (SP 800-57). */
const MINIMUM_BITS = 112;

/**
 * Added algorithms weaker than everything the policy offers of the same type. A stronger
 * addition (DH21 where the policy stops at DH20) is an override, not a weakening.
 */
function weakerAdds(c: ProposalComparison): OfferedAlgorithm[] {
  return c.adds.filter((a) => {
    const mine = strengthOf(a);
    if (mine === undefined) return false;
    const floor = Math.min(...c.policy.filter((p) => p.algorithm.type === a.algorithm.type).map((p) => strengthOf(p) ?? Infinity));
    return mine < (Number.isFinite(floor) ? floor : MINIMUM_BITS);
  });
}

/** Each weaker addition, with the tokens of `ownValue` that name it and the policy's own picks. */
function algorithmWeakenings(c: ProposalComparison, ownValue: string, options: ProposalOptions): Weakening[] {
  const tokens = parseProposalCached(ownValue, options).proposals.flatMap((p) => p.tokens);
  return weakerAdds(c).map((a) => ({
    label: `${TYPE_WORDS[a.algorithm.type]} ${a.label}`,
    // `aes` offers AES_CBC_128 and AES_CBC_256: a token without a length names every length.
    spans: tokens.filter((t) => t.algorithm === a.algorithm && (a.keyLength === 0 || t.keyLength === undefined || t.keyLength === a.keyLength)),
    instead: c.policy.filter((p) => p.algorithm.type === a.algorithm.type).map((p) => p.label),
  }));
}

/** Where a word of an authby= list sits in the value, case aside. */
function wordSpans(value: string, word: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const lower = value.toLowerCase();
  for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
    const before = at === 0 ? ' ' : lower[at - 1];
    const after = lower[at + word.length] ?? ' ';
    if (/[\s,]/.test(before) && /[\s,]/.test(after)) spans.push({ start: at, end: at + word.length });
  }
  return spans;
}

export interface OverrideScan {
  readonly policy: ActiveCryptoPolicy;
  readonly overrides: readonly PolicyOverride[];
}

/** Overrides of an included, readable policy; undefined when no policy is in force. */
export function scanPolicyOverrides(config: ResolvedConfig, policy: ActiveCryptoPolicy | undefined, version: LibreswanVersion, fips: boolean): OverrideScan | undefined {
  if (!policy || policy.problem || policy.includes.length === 0) return undefined;
  const policyFile = policy.loadedFile?.path;
  const own = (s: Setting | undefined): s is Setting => s !== undefined && s.source.file.path !== policyFile;
  const groups = new Map<string, PolicyOverride>();
  const add = (cc: ConnCrypto, o: Omit<PolicyOverride, 'conns'>): void => {
    const key = `${o.kind}|${o.assignment.file.path}|${o.assignment.line.line}|${cc.ikeVersion}|${cc.pfs}`;
    const existing = groups.get(key);
    if (existing) existing.conns.push(cc.conn.name);
    else groups.set(key, { ...o, conns: [cc.conn.name] });
  };
  const p = policy.settings;
  const policyIke = ikeVersionFrom(p.get('keyexchange'), p.get('ikev2'));
  for (const conn of config.conns) {
    const cc = connCrypto(conn, version);
    if (cc.neverNegotiate) continue;
    const s = conn.settings;
    const proposal = (kind: 'ike' | 'esp', setting: Setting | undefined): void => {
      const policyValue = p.get(kind);
      if (!own(setting) || policyValue === undefined || normalise(setting.value) === normalise(policyValue)) return;
      const options = { protocol: kind, ikeVersion: cc.ikeVersion, pfs: cc.pfs, fips, version };
      const comparison = compareProposals(policyValue, setting.value, options);
      const weaker = comparison ? algorithmWeakenings(comparison, setting.value, options) : [];
      add(cc, { kind, assignment: setting.source, policyText: `${kind}=${policyValue}`, comparison, weaker, replacesPolicyLine: true });
    };
    proposal('ike', s.get('ike'));
    if (cc.childProtocol === 'esp') proposal('esp', cc.proposals.find((x) => x.protocol === 'esp' && !x.ignored)?.setting);

    const authby = s.get('authby');
    const policyAuthby = p.get('authby');
    if (own(authby) && policyAuthby !== undefined && normalise(authby.value) !== normalise(policyAuthby)) {
      const mine = authItems(authby.value);
      const theirs = authItems(policyAuthby);
      const addedAuth = mine.filter((m) => !theirs.includes(m));
      const droppedAuth = theirs.filter((t) => !mine.includes(t));
      const weaker = addedAuth.filter((m) => SIGNATURE_METHOD.test(m))
        .map((m) => ({ label: `signature method ${m}`, spans: wordSpans(authby.value, m), instead: theirs.filter((t) => SIGNATURE_METHOD.test(t)) }));
      add(cc, { kind: 'authby', assignment: authby.source, policyText: `authby=${policyAuthby}`, addedAuth, droppedAuth, weaker, replacesPolicyLine: true });
    }

    const versionSetting = [s.get('keyexchange'), s.get('ikev2')].find(own);
    if (versionSetting && cc.ikeVersion !== policyIke) {
      const policySets = p.has('keyexchange') || p.has('ikev2');
      const policyText = p.has('keyexchange') ? `keyexchange=${p.get('keyexchange')}` : p.has('ikev2') ? `ikev2=${p.get('ikev2')}` : `IKEv${policyIke} (no ikev2= line, Libreswan's default)`;
      add(cc, { kind: 'ike-version', assignment: versionSetting.source, policyText, weaker: cc.ikeVersion === 1 ? [{ label: 'IKEv1', spans: [], instead: [`IKEv${policyIke}`] }] : [], replacesPolicyLine: policySets });
    }

    const pfs = s.get('pfs');
    const policyPfs = pfsFrom(p.get('pfs'));
    if (own(pfs) && pfsFrom(pfs.value) !== policyPfs) {
      add(cc, { kind: 'pfs', assignment: pfs.source, policyText: p.has('pfs') ? `pfs=${p.get('pfs')}` : 'pfs=yes (Libreswan\'s default)', weaker: policyPfs ? [{ label: 'no PFS for Child SA rekeys', spans: [], instead: ['pfs=yes'] }] : [], replacesPolicyLine: p.has('pfs') });
    }
  }
  return { policy, overrides: [...groups.values()] };
}
