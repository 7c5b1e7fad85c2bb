import type { ConfRule } from '../rule';
import { authbyItems, endSetting, SIDES, where } from './ends';

/** Null authentication proves no identity, so an id other than %null on that end is never checked. */
export const leftRightNullAuthId: ConfRule = {
  meta: { id: 'left-right-null-auth-id', description: 'authby=null (or leftauth=null) on an end that also sets an id other than %null.', defaultSeverity: 'warning', scope: 'conf', perConn: true },
  check({ config, conns = config.conns }, report) {
    for (const conn of conns) {
      const authby = authbyItems(conn);
      for (const side of SIDES) {
        const auth = endSetting(conn, side, 'auth')?.value.trim().toLowerCase();
        const isNull = auth !== undefined ? auth === 'null' : authby.length > 0 && authby.every((i) => i === 'null');
        if (!isNull) continue;
        const id = endSetting(conn, side, 'id');
        if (!id) continue;
        const v = id.value.trim().toLowerCase();
        if (v === '%null' || v === '%any' || v === '%none' || v === '') continue;
        report({
          ...where(id),
          message: `conn '${conn.name}': ${side}id=${id.value} with null authentication: the ${side} end proves no identity, so this id is sent but never verified (and %fromcert is refused). Use ${side}id=%null, or an authentication method that checks ids`,
          rejectedByLibreswan: v === '%fromcert',
        });
      }
    }
  },
};
