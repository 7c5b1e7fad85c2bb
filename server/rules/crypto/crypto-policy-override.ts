import { labelList } from '../../model/proposal-algorithms';
import type { ConfRule } from '../rule';
import { scanPolicyOverrides, type PolicyOverride } from './policy-overrides';
import { connList } from './value-range';

function detail(o: PolicyOverride): string {
  if (o.comparison) {
    const { adds, drops, policy } = o.comparison;
    const changes = [
      adds.length > 0 ? `adds ${labelList(adds.map((a) => a.label))}` : '',
      drops.length > 0 ? `drops ${labelList(drops.map((d) => d.label))}` : '',
    ].filter((x) => x !== '');
    return `the policy would offer ${labelList(policy.map((a) => a.label), 10)}; this value ${changes.length > 0 ? changes.join(' and ') : 'offers the same algorithms in another order'}`;
  }
  if (o.addedAuth || o.droppedAuth) {
    const changes = [
      o.addedAuth && o.addedAuth.length > 0 ? `adds ${o.addedAuth.join(', ')}` : '',
      o.droppedAuth && o.droppedAuth.length > 0 ? `drops ${o.droppedAuth.join(', ')}` : '',
    ].filter((x) => x !== '');
    return `this value ${changes.join(' and ') || 'lists the same methods'}`;
  }
  if (o.kind === 'ike' || o.kind === 'esp') return 'the two lists cannot be compared because one of them does not parse for this conn';
  return '';
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
      if (!o.replacesPolicyLine) continue;
      const a = o.assignment;
      const more = detail(o);
      report({
        file: a.file.path,
        range: a.line.value?.range ?? a.line.range,
        message: `${a.line.key.text}= in ${connList(o.conns)} replaces ${scan.policy.label} (${o.policyText.length > 80 ? `${o.policyText.slice(0, 77)}...` : o.policyText})${more ? `: ${more}` : ''}. Policy updates no longer reach ${o.conns.length === 1 ? 'this conn' : 'these conns'} for ${a.line.key.text}=`,
        rejectedByLibreswan: false,
      });
    }
  },
};
