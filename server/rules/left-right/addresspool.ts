import { refusedWhenAdded } from '../conn-role';
import type { ConfRule } from '../rule';
import { endSetting, isYes, otherSide, related, shown, SIDES, where } from './ends';

/**
 * `addresspool=` names the addresses the responder hands to the end that gets them: one
 * end only, not beside that end's own `subnet=` (every release refuses both), and not on
 * the mode-config server's own end.
 */
export const leftRightAddresspool: ConfRule = {
  meta: { id: 'left-right-addresspool', description: "addresspool= on both ends, beside subnet= on the same end, or on the mode-config server's own end.", defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    for (const conn of conns) {
      const left = endSetting(conn, 'left', 'addresspool');
      const right = endSetting(conn, 'right', 'addresspool');
      if (left && right) {
        report({
          conn: conn.name,
          ...where(right),
          message: `conn '${conn.name}': leftaddresspool= and rightaddresspool= are both set; a pool lists the addresses given to one end (the clients' end), so Libreswan refuses the conn ("both left and right define address pools"). Keep only the pool of the end that receives addresses`,
          rejectedByLibreswan: refusedWhenAdded(config, version, conn),
          related: [related(left, 'the other pool')],
        });
      }
      for (const side of SIDES) {
        const pool = endSetting(conn, side, 'addresspool');
        if (!pool) continue;
        const subnet = endSetting(conn, side, 'subnet');
        if (subnet) {
          report({
            conn: conn.name,
            ...where(pool),
            message: `conn '${conn.name}': ${side}addresspool= and ${side}subnet= are both set; Libreswan refuses this ("cannot specify both ${side}subnet= and ${side}addresspool="). The pool already gives this end its address: drop ${side}subnet=`,
            rejectedByLibreswan: refusedWhenAdded(config, version, conn),
            related: [related(subnet, 'the subnet on the same end')],
          });
        }
        // The pool holds the addresses this end receives, so it sits on the client's end;
        // 5.x says "<side>modecfgserver=yes expects <other side>addresspool=".
        const server = endSetting(conn, side, 'modecfgserver');
        if (server && isYes(server.value)) {
          report({
            conn: conn.name,
            ...where(pool),
            message: `conn '${conn.name}': ${side}addresspool= is on the mode-config server's own end (${shown(server)}); the pool holds the addresses given to the other end, so write it as ${otherSide(side)}addresspool=`,
            rejectedByLibreswan: false,
            severity: 'warning',
            related: [related(server, 'this end is the server')],
          });
        }
      }
    }
  },
};
