import { checkCidr } from '../../model/address-syntax';
import type { PolicyRule } from '../rule';

/** An entry pluto cannot read as an address or CIDR: it skips the entry, so that traffic falls to another group. */
export const policyBadCidr: PolicyRule = {
  meta: { id: 'policy-bad-cidr', description: 'A policy group entry that is not an IP address or address/prefix.', defaultSeverity: 'error', scope: 'policy' },
  check({ groups }, report) {
    for (const group of groups) {
      for (const entry of group.file.entries) {
        const problem = checkCidr(entry.address.value, true);
        if (!problem) continue;
        report({
          file: group.path,
          range: entry.address.range,
          message: `${problem}; pluto skips this entry of the '${group.name}' group, so its traffic is not handled as this group says. Write one address or address/prefix per line`,
          rejectedByLibreswan: false,
        });
      }
    }
  },
};
