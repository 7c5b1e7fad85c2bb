import type { ConfRule } from '../rule';
import { endSetting, otherSide, SIDES, where } from './ends';

/** `rightca=%same` takes the other end's CA; an end with neither `ca=` nor `cert=` has none to give. */
export const leftRightCaSame: ConfRule = {
  meta: { id: 'left-right-ca-same', description: "ca=%same on one end while the other end has no ca= and no cert= to take the CA from.", defaultSeverity: 'warning', scope: 'conf', perConn: true },
  check({ config, conns = config.conns }, report) {
    for (const conn of conns) {
      for (const side of SIDES) {
        const ca = endSetting(conn, side, 'ca');
        if (!ca || ca.value.trim().toLowerCase() !== '%same') continue;
        const other = otherSide(side);
        if (endSetting(conn, other, 'ca') || endSetting(conn, other, 'cert')) continue;
        report({
          ...where(ca),
          message: `conn '${conn.name}': ${side}ca=%same means "the CA of ${other}cert=", but the ${other} end has no ${other}cert= and no ${other}ca=, so no CA is required of the peer's certificate; name the CA with ${side}ca="CN=…", or set ${other}cert=`,
          rejectedByLibreswan: false,
        });
      }
    }
  },
};
