import { refusedWhenAdded } from '../conn-role';
import type { ConfRule } from '../rule';
import { endSetting, hostKind, related, where } from './ends';
import { connAddFacts } from '../../../schemas/conn-facts';

/** Both ends are wildcards (`%any`, `%opportunisticgroup`, …): neither can be this host. */
export const leftRightBothWildcard: ConfRule = {
  meta: { id: 'left-right-both-wildcard', description: 'Both left= and right= are wildcards such as %any, so neither end can be this host.', defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    for (const conn of conns) {
      const left = endSetting(conn, 'left', '');
      const right = endSetting(conn, 'right', '');
      if (!left || !right) continue;
      const words = connAddFacts[version].addresslessHostWords;
      const addressless = (v: string): boolean => (words ? words.has(v.trim().toLowerCase()) : hostKind(v) === 'wildcard');
      if (!addressless(left.value) || !addressless(right.value)) continue;
      if (words && (hostKind(left.value) !== 'wildcard' || hostKind(right.value) !== 'wildcard')) {
        report({
          conn: conn.name,
          ...where(right),
          message: `conn '${conn.name}': neither left=${left.value} nor right=${right.value} gives Libreswan ${version} an address (it knows %defaultroute but reads %defaultroute4, %defaultroute6, %any4 and %any6 as interface names), so it cannot tell which end is this host ("must specify host IP address for our side"); use %defaultroute, or this host's address`,
          rejectedByLibreswan: refusedWhenAdded(config, version, conn),
          related: [related(left, 'the other end without an address')],
        });
        continue;
      }
      report({
        conn: conn.name,
        ...where(right),
        message: `conn '${conn.name}': left=${left.value} and right=${right.value} are both wildcards, so Libreswan cannot tell which end is this host ("host address family unknown"); set one end to this host's address or %defaultroute`,
        rejectedByLibreswan: refusedWhenAdded(config, version, conn),
        related: [related(left, 'the other wildcard end')],
      });
    }
  },
};
