import type { ResolvedConn } from './connections';
import { idKey, type IdKey } from './secrets-index';

export type End = 'left' | 'right';

/**
 * The id an end presents: `leftid=` when set, else its address when `left=` is one.
 * `%fromcert`, `%defaultroute`, `%any` and host names only resolve on the running host,
 * so they give `undefined` (fits any selector).
 */
export function endIdKey(conn: ResolvedConn, end: End): IdKey {
  const id = conn.settings.get(end + 'id')?.value.trim();
  if (id !== undefined && id !== '') {
    if (id.startsWith('%')) return undefined;
    return idKey(id);
  }
  const host = conn.settings.get(end)?.value.trim() ?? '';
  if (host.startsWith('%')) return undefined;
  const key = idKey(host);
  return key?.startsWith('ip:') ? key : undefined;
}

/** The authentication methods an end uses: `leftauth=` when set, else the conn's `authby=` items. */
export function endAuthMethods(conn: ResolvedConn, end: End): readonly string[] {
  const own = conn.settings.get(end + 'auth')?.value.trim().toLowerCase();
  if (own) return [own === 'psk' ? 'secret' : own];
  const authby = conn.settings.get('authby')?.value.toLowerCase().split(/[\s,]+/).filter((i) => i !== '') ?? [];
  // Libreswan's default is signatures (rsasig, ecdsa); no PSK unless asked for.
  return authby.length > 0 ? authby : ['rsasig', 'ecdsa'];
}

/** Whether a conn authenticates at least one end with a pre-shared key. */
export function usesPsk(conn: ResolvedConn): boolean {
  return (['left', 'right'] as const).some((end) => endAuthMethods(conn, end).includes('secret'));
}
