import type { ConfRule } from '../rule';
import { labelList } from '../../model/proposal-algorithms';
import { scanPolicyOverrides, type Weakening } from './policy-overrides';
import { connList, rangeInValue } from './value-range';

function advice(w: Weakening): string {
  if (w.instead.length === 0) return 'remove it';
  return `use what the policy offers instead (${labelList([...w.instead], 6)})`;
}

/**
 * An override that allows what the system crypto policy does not (a cipher, group, integrity,
 * IKEv1, no PFS): one finding per weaker thing, underlining where the value names it.
 */
export const weakerThanCryptoPolicy: ConfRule = {
  meta: {
    id: 'weaker-than-crypto-policy',
    description: 'A conn setting that allows a cipher, DH group, integrity or signature algorithm, IKEv1 or no PFS that the system crypto policy does not.',
    defaultSeverity: 'warning',
    scope: 'conf',
  },
  check({ config, cryptoPolicy, version, fips }, report) {
    const scan = scanPolicyOverrides(config, cryptoPolicy, version, fips);
    if (!scan) return;
    for (const o of scan.overrides) {
      const a = o.assignment;
      const key = a.line.key.text;
      for (const w of o.weaker) {
        const message = `${key}= in ${connList(o.conns)} allows ${w.label}, which ${scan.policy.label} does not; ${advice(w)}, or keep the exception deliberately and say why in a comment`;
        // A weakening the value does not spell out (a default filled in, ikev2=no) underlines the value.
        const ranges = w.spans.length > 0 ? w.spans.map((s) => rangeInValue(a, s.start, s.end)) : [a.line.value?.range ?? a.line.range];
        for (const range of ranges) report({ file: a.file.path, range, message, rejectedByLibreswan: false });
      }
    }
  },
};
