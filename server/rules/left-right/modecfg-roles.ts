import { refusedWhenAdded } from '../conn-role';
import type { ConfRule } from '../rule';
import { endSetting, isYes, related, SIDES, where } from './ends';
import { connAddFacts } from '../../../schemas/conn-facts';

/** Mode-config roles that cannot both hold: server and client on one end, or two servers. */
export const leftRightModecfgRoles: ConfRule = {
  meta: { id: 'left-right-modecfg-roles', description: 'modecfgserver=yes and modecfgclient=yes on the same end, or modecfgserver=yes on both ends.', defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    const facts = connAddFacts[version];
    for (const conn of conns) {
      for (const side of SIDES) {
        const server = endSetting(conn, side, 'modecfgserver');
        const client = endSetting(conn, side, 'modecfgclient');
        if (!server || !client || !isYes(server.value) || !isYes(client.value)) continue;
        const rejected = facts.modecfgServerAndClientRejected;
        report({
          conn: conn.name,
          ...where(client),
          message: `conn '${conn.name}': the ${side} end is both mode-config server and client; ${rejected ? `Libreswan ${version} refuses the conn` : `Libreswan ${version} loads it but the exchange fails`}. The server is the end that hands out addresses (usually the gateway): keep one of the two`,
          rejectedByLibreswan: rejected && refusedWhenAdded(config, version, conn),
          severity: rejected ? 'error' : 'warning',
          related: [related(server, 'the server role on the same end')],
        });
      }
      const left = endSetting(conn, 'left', 'modecfgserver');
      const right = endSetting(conn, 'right', 'modecfgserver');
      if (left && right && isYes(left.value) && isYes(right.value)) {
        const rejected = facts.modecfgServerBothEndsRejected;
        report({
          conn: conn.name,
          ...where(right),
          message: `conn '${conn.name}': both ends are mode-config servers, so neither asks for an address; ${rejected ? `Libreswan ${version} refuses the conn` : 'the exchange cannot work'}. Set modecfgserver=yes on the gateway's end and modecfgclient=yes on the other`,
          rejectedByLibreswan: rejected && refusedWhenAdded(config, version, conn),
          severity: rejected ? 'error' : 'warning',
          related: [related(left, 'the other server')],
        });
      }
    }
  },
};
