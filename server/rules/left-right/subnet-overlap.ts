import type { ConfRule } from '../rule';
import { cidrsOverlap, endReading, endSetting, related, shown, where } from './ends';

/** The two ends' subnets overlap: traffic between them would be routed into the tunnel and back. */
export const leftRightSubnetOverlap: ConfRule = {
  meta: { id: 'left-right-subnet-overlap', description: "The left and right subnets overlap (one contains or meets the other).", defaultSeverity: 'warning', scope: 'conf', perConn: true },
  check({ config, conns = config.conns }, report) {
    for (const conn of conns) {
      const left = endSetting(conn, 'left', 'subnet');
      const right = endSetting(conn, 'right', 'subnet');
      if (!left || !right) continue;
      const rights = endReading(conn, 'right').subnets;
      for (const l of endReading(conn, 'left').subnets) {
        const r = rights.find((x) => l.cidr && x.cidr && cidrsOverlap(l.cidr, x.cidr));
        if (!l.cidr || !r) continue;
        // 0.0.0.0/0 against a host's own /32 is the usual "everything through the tunnel" road warrior.
        if (l.cidr[1] === 0 || (r.cidr && r.cidr[1] === 0)) continue;
        report({
          ...where(right),
          message: `conn '${conn.name}': ${l.text} (left) and ${r.text} (right) overlap, so some addresses are on both ends of the tunnel; give each end its own range (${shown(left)}, ${shown(right)})`,
          rejectedByLibreswan: false,
          related: [related(left, 'the overlapping left subnet')],
        });
        break;
      }
    }
  },
};
