import { refusedWhenAdded } from '../conn-role';
import type { ConfRule } from '../rule';
import { endReading, endSetting, related, where } from './ends';

/** Both ends are wildcards (`%any`, `%opportunisticgroup`, …): neither can be this host. */
export const leftRightBothWildcard: ConfRule = {
  meta: { id: 'left-right-both-wildcard', description: 'Both left= and right= are wildcards such as %any, so neither end can be this host.', defaultSeverity: 'error', scope: 'conf' },
  check({ config, version }, report) {
    for (const conn of config.conns) {
      const left = endSetting(conn, 'left', '');
      const right = endSetting(conn, 'right', '');
      if (!left || !right) continue;
      if (endReading(conn, 'left').hostKind !== 'wildcard' || endReading(conn, 'right').hostKind !== 'wildcard') continue;
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
