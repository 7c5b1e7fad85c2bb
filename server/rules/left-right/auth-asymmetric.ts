import { refusedWhenAdded } from '../conn-role';
import type { ConfRule } from '../rule';
import { authbyItems, endSetting, ikeVersionOf, otherSide, readEndSetting, related, shown, SIDES, where } from './ends';
import { connAddFacts, endAuthNeedsAuthby } from '../../../schemas/conn-facts';
import { neverNegotiates } from './ends';

/**
 * `leftauth=`/`rightauth=` combinations every release refuses at `auto --add`: one set
 * without the other, either under IKEv1, a method that `authby=` excludes, and an id of
 * %fromcert on an end that authenticates with a PSK or not at all.
 */
export const leftRightAuthAsymmetric: ConfRule = {
  meta: { id: 'left-right-auth-asymmetric', description: 'leftauth=/rightauth= pairs Libreswan refuses: one without the other, with IKEv1, outside authby=, or %fromcert with PSK/null.', defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    const facts = connAddFacts[version];
    for (const conn of conns) {
      const loaded = refusedWhenAdded(config, version, conn);
      if (facts.neverNegotiateIgnoresAuth && neverNegotiates(conn)) continue;
      const authby = authbyItems(conn);
      for (const side of SIDES) {
        // A word this release does not know is dropped by its parser (5.2: leftauth=psk, eddsa): unset.
        const auth = readEndSetting(conn, side, 'auth');
        const other = readEndSetting(conn, otherSide(side), 'auth');
        if (auth && !other && facts.endAuthPairRequired) {
          report({
            conn: conn.name,
            ...where(auth),
            message: `conn '${conn.name}': ${shown(auth)} without ${otherSide(side)}auth=; Libreswan refuses the conn ("leftauth= and rightauth= must both be set or both be unset"). Set ${otherSide(side)}auth= too`,
            rejectedByLibreswan: loaded,
          });
        }
        if (auth && ikeVersionOf(conn) === 1) {
          report({
            conn: conn.name,
            ...where(auth),
            message: `conn '${conn.name}': ${shown(auth)} is IKEv2 only and this conn is IKEv1; Libreswan refuses it. Use authby= instead`,
            rejectedByLibreswan: loaded,
          });
        }
        const method = auth?.value.trim().toLowerCase();
        const needs = method !== undefined ? endAuthNeedsAuthby[method] : undefined;
        const overrides = facts.authbyLimitsOnlySignatureAuth && (method === 'secret' || method === 'psk' || method === 'null');
        if (auth && needs && !overrides && authby.length > 0 && !authby.some((i) => needs.includes(i))) {
          const authbySetting = conn.settings.get('authby')!;
          report({
            conn: conn.name,
            ...where(auth),
            message: `conn '${conn.name}': ${shown(auth)} is not allowed by ${shown(authbySetting)}; Libreswan refuses the conn ("expects authby=${needs[0]}"). Add ${needs[0]} to authby=, or drop authby=`,
            rejectedByLibreswan: loaded,
            related: [related(authbySetting, 'the conn-wide methods')],
          });
        }
        const id = endSetting(conn, side, 'id');
        const pskOrNull = method !== undefined ? ['secret', 'psk', 'null'].includes(method) : authby.length > 0 && authby.every((i) => i === 'secret' || i === 'null');
        if (id && id.value.trim().toLowerCase() === '%fromcert' && pskOrNull) {
          report({
            conn: conn.name,
            ...where(id),
            message: `conn '${conn.name}': ${side}id=%fromcert takes the id from a certificate, but this end authenticates with a PSK or null; Libreswan refuses the conn. Write the id out (@host, an address, or a DN)`,
            rejectedByLibreswan: loaded,
          });
        }
      }
    }
  },
};
