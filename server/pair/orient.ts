import { parseAddress } from '../model/address-syntax';
import { endIdKey, type End } from '../model/conn-ids';
import type { ResolvedConn } from '../model/connections';
import { hostKind } from '../rules/left-right/ends';

export function other(end: End): End {
  return end === 'left' ? 'right' : 'left';
}

/** Which end of each host's copy of a conn is that host. */
export interface Orientation {
  readonly west: End;
  readonly east: End;
}

function hostAddress(conn: ResolvedConn, end: End): string | undefined {
  const v = conn.settings.get(end)?.value.trim() ?? '';
  return parseAddress(v)?.toNormalizedString();
}

/**
 * Libreswan orients a conn by finding which end's address belongs to the host. Offline we
 * pick the reading under which each host's idea of the peer agrees best with the peer's
 * idea of itself: equal addresses and ids score, a wildcard end cannot be the host, and
 * `%defaultroute` usually is. Same file on both hosts (the common case) ties between the
 * two mirror readings; then west takes `left`, as Libreswan's own test hosts do.
 */
export function orient(west: ResolvedConn, east: ResolvedConn): Orientation {
  const options: Orientation[] = [
    { west: 'left', east: 'right' },
    { west: 'right', east: 'left' },
    { west: 'left', east: 'left' },
    { west: 'right', east: 'right' },
  ];
  const score = (o: Orientation): number => {
    let s = 0;
    const wRemote = other(o.west);
    const eRemote = other(o.east);
    const pairs: [ResolvedConn, End, ResolvedConn, End][] = [
      [west, wRemote, east, o.east],
      [east, eRemote, west, o.west],
    ];
    for (const [a, aEnd, b, bEnd] of pairs) {
      const ha = hostAddress(a, aEnd);
      const hb = hostAddress(b, bEnd);
      if (ha && hb) s += ha === hb ? 3 : -3;
      const ia = endIdKey(a, aEnd);
      const ib = endIdKey(b, bEnd);
      if (ia && ib) s += ia === ib ? 2 : -1;
    }
    for (const [conn, local] of [[west, o.west], [east, o.east]] as const) {
      const kind = hostKind(conn.settings.get(local)?.value ?? '');
      if (kind === 'wildcard') s -= 5;
      if (kind === 'defaultroute') s += 1;
      if (hostKind(conn.settings.get(other(local))?.value ?? '') === 'defaultroute') s -= 1;
    }
    return s;
  };
  let best = options[0];
  for (const o of options.slice(1)) if (score(o) > score(best)) best = o;
  return best;
}
