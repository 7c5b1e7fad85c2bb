import type { ConfRule } from '../rule';
import { endReading, endSetting, isLoaded, related, where } from './ends';

/** `left=` and `right=` name the same host: both ends then match one of this host's interfaces. */
export const leftRightSameHost: ConfRule = {
  meta: { id: 'left-right-same-host', description: 'left= and right= name the same host (the same address in any spelling, or the same name).', defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, conns = config.conns }, report) {
    for (const conn of conns) {
      const left = endSetting(conn, 'left', '');
      const right = endSetting(conn, 'right', '');
      if (!left || !right) continue;
      const kind = endReading(conn, 'left').hostKind;
      if (kind !== endReading(conn, 'right').hostKind || (kind !== 'address' && kind !== 'hostname' && kind !== 'interface')) continue;
      const same =
        kind === 'address'
          ? endReading(conn, 'left').hostAddress?.toNormalizedString() === endReading(conn, 'right').hostAddress?.toNormalizedString()
          : left.value.trim().toLowerCase() === right.value.trim().toLowerCase();
      if (!same) continue;
      report({
        ...where(right),
        message: `conn '${conn.name}': left= and right= are both ${left.value.trim()}; one end must be the peer. Libreswan adds the conn but cannot orient it ("both ends match an interface" or neither does), so it never comes up`,
        rejectedByLibreswan: false,
        // A template conn (no auto=) only fails if someone adds it by hand: say so, softly.
        severity: isLoaded(conn) ? 'error' : 'warning',
        related: [related(left, 'the same host on the left end')],
      });
    }
  },
};
