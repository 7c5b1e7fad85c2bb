import { endIdKey } from '../../model/conn-ids';
import { findSecret } from '../../model/secrets-index';
import type { SecretsRule } from '../rule';
import { connHeader, isLoaded, neverNegotiates } from '../left-right/ends';

/** `ppk=` values with which the conn uses a PPK when it has one; `insist` fails without. */
const ppkOn: ReadonlySet<string> = new Set(['permit', 'propose', 'insist', 'yes', 'always', 'y', 'true', 'on']);

/** A conn that uses post-quantum preshared keys while the secrets hold no PPKS record for it. */
export const ppkMissing: SecretsRule = {
  meta: { id: 'ppk-missing', description: 'ppk=insist (or propose/permit/yes) on a conn with no PPKS record its ids match.', defaultSeverity: 'error', scope: 'secrets' },
  check({ secrets, config }, report) {
    if (!config || secrets.includes.some((i) => i.problems.some((p) => p.kind !== 'no-match'))) return;
    for (const conn of config.conns) {
      const ppk = conn.settings.get('ppk');
      const mode = ppk?.value.trim().toLowerCase();
      if (!ppk || mode === undefined || !ppkOn.has(mode) || !isLoaded(conn) || neverNegotiates(conn)) continue;
      const left = endIdKey(conn, 'left');
      const right = endIdKey(conn, 'right');
      if (findSecret(secrets, 'ppks', left, right) || findSecret(secrets, 'ppks', right, left)) continue;
      const insist = mode === 'insist' || mode === 'always';
      report({
        ...connHeader(conn),
        message: `conn '${conn.name}' has ppk=${ppk.value} but ${secrets.entry.path} has no PPKS record for it: ${insist ? 'the exchange fails (AUTHENTICATION_FAILED)' : 'it runs without post-quantum protection'}. Add '@peer : PPKS "ppk-id" 0x…' with the same id and key on both ends`,
        rejectedByLibreswan: false,
        severity: insist ? 'error' : 'warning',
      });
    }
  },
};
