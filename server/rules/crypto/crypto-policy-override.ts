import type { TextRange } from '../../../grammar/text-range';
import { labelList } from '../../model/proposal-algorithms';
import type { ActiveCryptoPolicy } from '../../model/crypto-policy';
import type { ConfRule, RelatedLocation } from '../rule';
import { scanPolicyOverrides, type PolicyOverride } from './policy-overrides';
import { connList } from './value-range';

/** What the value changes, in a few words (the message); the policy's full lists go to related information. */
function changes(o: PolicyOverride): string {
  if (o.comparison) {
    const { adds, drops } = o.comparison;
    const parts = [
      adds.length > 0 ? `adds ${labelList(adds.map((a) => a.label), 4)}` : '',
      drops.length > 0 ? `drops ${labelList(drops.map((d) => d.label), 4)}` : '',
    ].filter((x) => x !== '');
    return parts.length > 0 ? parts.join(' and ') : 'offers the same algorithms in another order';
  }
  if (o.addedAuth || o.droppedAuth) {
    const parts = [
      o.addedAuth && o.addedAuth.length > 0 ? `adds ${labelList(o.addedAuth, 4)}` : '',
      o.droppedAuth && o.droppedAuth.length > 0 ? `drops ${labelList(o.droppedAuth, 4)}` : '',
    ].filter((x) => x !== '');
    return parts.join(' and ') || 'lists the same methods';
  }
  if (o.kind === 'ike' || o.kind === 'esp') return 'the two lists cannot be compared because one of them does not parse for this conn';
  return '';
}

/**
 * The signature kinds a conn names to say how its own keys sign (raw RSA keys need rsasig):
 * the RHEL guide's host-to-host example writes authby=rsasig beside the policy include, and
 * the policy's list of signature methods cannot make that choice for the conn. Switching to
 * a PSK or to no authentication (secret, null) does leave the policy's methods behind.
 */
const SIGNATURE_KINDS: ReadonlySet<string> = new Set(['rsasig', 'ecdsa']);

function choosesSignatureKind(o: PolicyOverride): boolean {
  const added = o.addedAuth ?? [];
  return o.kind === 'authby' && o.weaker.length === 0 && added.length > 0 && added.every((m) => SIGNATURE_KINDS.has(m));
}

/** The policy's own line for the key, when the policy file is in the model. */
function policyLine(policy: ActiveCryptoPolicy, key: string): { file: string; range: TextRange } | undefined {
  const file = policy.loadedFile;
  if (!file) return undefined;
  for (const section of file.conf.sections) {
    if (section.kind !== 'conn') continue;
    for (const line of section.body) {
      if (line.kind === 'assignment' && line.key.text.toLowerCase() === key) return { file: file.path, range: line.range };
    }
  }
  return undefined;
}

/**
 * A conn setting that replaces what the system crypto policy's `conn %default` gives:
 * Libreswan takes the conn's value whole, so later policy updates no longer reach it.
 */
export const cryptoPolicyOverride: ConfRule = {
  meta: {
    id: 'crypto-policy-override',
    description: "A conn's ike=, esp=, authby=, ikev2=/keyexchange= or pfs= that replaces the system crypto policy's value, with what changes.",
    defaultSeverity: 'info',
    scope: 'conf',
  },
  check({ config, cryptoPolicy, version, fips }, report) {
    const scan = scanPolicyOverrides(config, cryptoPolicy, version, fips);
    if (!scan) return;
    for (const o of scan.overrides) {
      if (!o.replacesPolicyLine || choosesSignatureKind(o)) continue;
      const a = o.assignment;
      const key = a.line.key.text;
      const what = changes(o);
      const at = policyLine(scan.policy, key.toLowerCase());
      const related: RelatedLocation[] = [];
      if (at) {
        related.push({ ...at, message: `the policy's value: ${o.policyText}` });
        if (o.comparison) related.push({ ...at, message: `the policy would offer ${labelList(o.comparison.policy.map((p) => p.label), 50)}` });
      }
      report({
        file: a.file.path,
        range: a.line.value?.range ?? a.line.range,
        message: `${key}= in ${connList(o.conns)} replaces the crypto policy's value${what ? ` (${what})` : ''}; policy updates no longer reach ${o.conns.length === 1 ? 'it' : 'them'}`,
        rejectedByLibreswan: false,
        related,
      });
    }
  },
};
