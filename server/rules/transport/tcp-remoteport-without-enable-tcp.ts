import { refusedWhenAdded } from '../conn-role';
import type { ConfRule } from '../rule';
import { connAddFacts } from '../../../schemas/conn-facts';
import { connValue, isYes, neverNegotiates, where } from '../left-right/ends';

/** `tcp-remoteport=` only matters with `enable-tcp=`; with it, 0 and 500 are refused. */
export const tcpRemoteportWithoutEnableTcp: ConfRule = {
  meta: { id: 'tcp-remoteport-without-enable-tcp', description: 'tcp-remoteport= without enable-tcp=yes|fallback (ignored), or set to 0 or 500 (refused).', defaultSeverity: 'warning', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    for (const conn of conns) {
      const port = conn.settings.get('tcp-remoteport');
      if (!port || neverNegotiates(conn)) continue;
      const mode = connValue(conn, 'enable-tcp');
      const tcpOn = mode === 'fallback' || isYes(mode);
      if (!tcpOn) {
        report({
          conn: conn.name,
          ...where(port),
          message: `conn '${conn.name}': tcp-remoteport=${port.value} has no effect without enable-tcp=yes or enable-tcp=fallback; set enable-tcp=, or drop tcp-remoteport=`,
          rejectedByLibreswan: false,
        });
      } else if (connAddFacts[version].tcpRemoteportRefused.includes(port.value.trim())) {
        report({
          conn: conn.name,
          ...where(port),
          message: `conn '${conn.name}': tcp-remoteport=${port.value}: Libreswan ${version} refuses the conn ("tcp-remoteport cannot be ${connAddFacts[version].tcpRemoteportRefused.join(' or ')}"); the usual port is 4500`,
          rejectedByLibreswan: refusedWhenAdded(config, version, conn),
          severity: 'error',
        });
      }
    }
  },
};
