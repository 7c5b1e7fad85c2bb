import type { ConfRule } from '../rule';
import { labelList } from '../../model/proposal-algorithms';
import { scanPolicyOverrides } from './policy-overrides';
import { connList } from './value-range';

/** An override that allows what the system crypto policy does not (a cipher, group, integrity, IKEv1, no PFS). */
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
      if (o.weaker.length === 0) continue;
      const a = o.assignment;
      report({
        file: a.file.path,
        range: a.line.value?.range ?? a.line.range,
        message: `${a.line.key.text}=${a.value.length > 60 ? `${a.value.slice(0, 57)}...` : a.value} in ${connList(o.conns)} allows what ${scan.policy.label} does not: ${labelList([...o.weaker], 8)}. Remove ${o.weaker.length === 1 ? 'it' : 'them'}, or keep the exception deliberately and say why in a comment`,
        rejectedByLibreswan: false,
      });
    }
  },
};
