import type { ConfRule } from '../rule';
import { authbyItems, connHeader, endSetting, isLoaded, neverNegotiates, SIDES, where } from './ends';
import { keySourceKeywords, signatureAuthbyItems } from '../../../schemas/conn-facts';

/**
 * Signature authentication with no key on either end: whichever end is this host has no
 * private key to sign with, so IKE_AUTH fails. Raw keys, certificates and CKAIDs count.
 */
export const leftRightAuthKeyMissing: ConfRule = {
  meta: { id: 'left-right-auth-key-missing', description: 'authby=rsasig/ecdsa (or leftauth=/rightauth=) signs with a key, yet neither end names one (rsasigkey=, ecdsakey=, pubkey=, cert=, ckaid=).', defaultSeverity: 'warning', scope: 'conf', perConn: true },
  check({ config, conns = config.conns }, report) {
    for (const conn of conns) {
      if (!isLoaded(conn) || neverNegotiates(conn)) continue;
      const ends = SIDES.map((side) => endSetting(conn, side, 'auth')?.value.trim().toLowerCase());
      const authby = authbyItems(conn);
      const signs = ends.some((a) => a !== undefined)
        ? ends.some((a) => a !== undefined && signatureAuthbyItems.has(a))
        : authby.length > 0 && authby.every((i) => signatureAuthbyItems.has(i));
      if (!signs) continue;
      const hasKey = SIDES.some((side) => keySourceKeywords.some((k) => endSetting(conn, side, k) !== undefined));
      if (hasKey) continue;
      const authSetting = conn.settings.get('authby');
      report({
        ...(authSetting ? where(authSetting) : connHeader(conn)),
        message: `conn '${conn.name}' authenticates with signatures but neither end names a key: set leftcert= (or leftrsasigkey=/leftckaid=) for this host's end, or the peer's certificate authority, or use authby=secret`,
        rejectedByLibreswan: false,
      });
    }
  },
};
