import { endIdKey, usesPsk } from '../../model/conn-ids';
import { findSecret } from '../../model/secrets-index';
import type { SecretsRule } from '../rule';
import { connHeader, isLoaded, neverNegotiates } from '../left-right/ends';

/**
 * A loaded conn that authenticates with a PSK while no PSK record fits its two ids, read
 * either way round (which end is this host is only known on the host).
 */
export const secretMissing: SecretsRule = {
  meta: { id: 'secret-missing', description: 'A conn with authby=secret (or leftauth=secret) whose ids match no PSK record of its ipsec.secrets.', defaultSeverity: 'error', scope: 'secrets' },
  check({ secrets, config }, report) {
    // An include that could not be read may hold the record: say nothing rather than guess.
    if (!config || secrets.includes.some((i) => i.problems.some((p) => p.kind !== 'no-match'))) return;
    for (const conn of config.conns) {
      if (!isLoaded(conn) || neverNegotiates(conn) || !usesPsk(conn)) continue;
      const left = endIdKey(conn, 'left');
      const right = endIdKey(conn, 'right');
      if (findSecret(secrets, 'psk', left, right) || findSecret(secrets, 'psk', right, left)) continue;
      const ids = ['left', 'right'].map((end) => conn.settings.get(end + 'id')?.value ?? conn.settings.get(end)?.value ?? '?');
      report({
        ...connHeader(conn),
        message: `conn '${conn.name}' authenticates with a PSK, but no PSK record in ${secrets.entry.path} matches its ids (${ids.join(' and ')}): IKE_AUTH fails (AUTHENTICATION_FAILED). Add a line like '${ids.join(' ')} : PSK "…"'`,
        rejectedByLibreswan: false,
      });
    }
  },
};
