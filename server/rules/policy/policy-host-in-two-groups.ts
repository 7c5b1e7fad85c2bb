import ipaddr from 'ipaddr.js';
import type { PolicyGroup, PolicyRule } from '../rule';
import { parseCidr, type Cidr } from '../left-right/ends';

interface Placed {
  readonly group: PolicyGroup;
  readonly entry: PolicyGroup['file']['entries'][number];
  readonly cidr: Cidr;
}

function sameNetwork(a: Cidr, b: Cidr): boolean {
  return a[1] === b[1] && a[0].kind() === b[0].kind() && a[0].match(b[0], b[1]);
}

/**
 * The same address or network in two groups (`private` and `clear`, say): which policy
 * wins then depends on the order pluto loads the groups, not on what the file says. A
 * narrower entry inside a wider one of another group is the intended way to make an
 * exception, and is not reported.
 */
export const policyHostInTwoGroups: PolicyRule = {
  meta: { id: 'policy-host-in-two-groups', description: 'The same address or network listed in two policy groups.', defaultSeverity: 'warning', scope: 'policy' },
  check({ groups }, report) {
    const all: Placed[] = [];
    for (const group of groups) {
      for (const entry of group.file.entries) {
        // Entries narrowed to a protocol and ports may share an address legitimately.
        if (entry.protocol) continue;
        const cidr = parseCidr(entry.address.value);
        if (cidr && ipaddr.isValid(cidr[0].toString())) all.push({ group, entry, cidr });
      }
    }
    for (let i = 0; i < all.length; i++) {
      for (let j = 0; j < i; j++) {
        const [a, b] = [all[j], all[i]];
        if (a.group.path === b.group.path || !sameNetwork(a.cidr, b.cidr)) continue;
        // Both files get the finding, so whichever one is open shows it.
        for (const [here, there] of [[a, b], [b, a]] as const) {
          report({
            file: here.group.path,
            range: here.entry.address.range,
            message: `${here.entry.address.value} is also in the '${there.group.name}' group; pluto keeps one of the two, depending on load order. Keep it in one group`,
            rejectedByLibreswan: false,
            related: [{ file: there.group.path, range: there.entry.address.range, message: `the same entry in '${there.group.name}'` }],
          });
        }
      }
    }
  },
};
