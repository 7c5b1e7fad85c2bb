import type { ResolvedConn } from '../model/connections';
import { neverNegotiates } from '../rules/left-right/ends';
import { endHost, other, ownAddresses, pairScore, possibleLocals, viewOf, type ConnView } from './conn-view';

/** Two conns found to describe one tunnel, and whether each host's idea of the other's address is right. */
export interface MatchedConns {
  readonly west: ConnView;
  readonly east: ConnView;
  /** West's conn points at an address where east is. */
  readonly westReaches: boolean;
  /** East's conn expects west where west is. */
  readonly eastReaches: boolean;
}

export interface ConnWithoutPartner {
  readonly host: 'west' | 'east';
  readonly conn: ResolvedConn;
  readonly reason: string;
}

/** Conns that stand for tunnels: not a template another conn pulls in with `also=`, not a shunt. */
export function tunnelConns(conns: readonly ResolvedConn[]): ResolvedConn[] {
  const templates = new Set(conns.flatMap((c) => c.alsoSections.map((s) => (s.section.kind === 'conn' ? s.section.name : ''))));
  const seen = new Set<string>();
  return conns.filter((c) => {
    // A duplicate name: Libreswan keeps the first (the second is refused), so do we.
    if (seen.has(c.name)) return false;
    seen.add(c.name);
    return !templates.has(c.name) && !neverNegotiates(c);
  });
}

function describeHost(conn: ResolvedConn, view: ConnView | undefined): string {
  if (!view) return 'neither end is an address this host uses for itself';
  const peer = endHost(conn, other(view.local));
  const peerText = conn.settings.get(other(view.local))?.value.trim() ?? '(not set)';
  return peer.kind === 'wildcard' ? `it waits for any peer (${other(view.local)}=${peerText})` : `it points at ${other(view.local)}=${peerText}`;
}

/**
 * Pairs each host's conns with the other's by what the peers see, never by name: the
 * address each expects of the other, the ids and the subnets. Between two hosts each conn
 * is one tunnel, the best fitting pairs first; a pairing where only one host's idea of the
 * other's address is right is kept, for the unreachable state. Identical files on both hosts tie between the two mirror readings;
 * west then takes `left`, as Libreswan's own test hosts do.
 */
export function matchConns(
  westAll: readonly ResolvedConn[],
  eastAll: readonly ResolvedConn[],
  names: { readonly west: string; readonly east: string } = { west: 'west', east: 'east' },
): { readonly matched: MatchedConns[]; readonly unmatched: ConnWithoutPartner[] } {
  const westConns = tunnelConns(westAll);
  const eastConns = tunnelConns(eastAll);
  // Copies of one file on both hosts can make both claim one address (a hub's own address
  // in every conn of each copy). Two hosts never share one: a host whose count points at a
  // single address keeps it (west first, as Libreswan's test hosts give west `left`), and
  // the other is any address but that one.
  let westOwn = ownAddresses(westConns);
  let eastOwn = ownAddresses(eastConns);
  let westOthers: ReadonlySet<string> = new Set();
  let eastOthers: ReadonlySet<string> = new Set();
  const shared = new Set([...westOwn].filter((a) => eastOwn.has(a)));
  if (shared.size > 0 && (westOwn.size === 1 || eastOwn.size === 1)) {
    if (westOwn.size === 1) {
      eastOwn = new Set([...eastOwn].filter((a) => !shared.has(a)));
      eastOthers = shared;
    } else {
      westOwn = new Set([...westOwn].filter((a) => !shared.has(a)));
      westOthers = shared;
    }
  }
  const views = (conns: readonly ResolvedConn[], own: ReadonlySet<string>, others: ReadonlySet<string>): ConnView[][] => conns.map((c) => possibleLocals(c, own, others).map((end) => viewOf(c, end)));
  const westViews = views(westConns, westOwn, westOthers);
  const eastViews = views(eastConns, eastOwn, eastOthers);

  type Candidate = MatchedConns & { readonly score: number };
  const candidates: Candidate[] = [];
  westViews.forEach((wv) => {
    eastViews.forEach((ev) => {
      let top: Candidate | undefined;
      for (const w of wv) {
        for (const e of ev) {
          const s = pairScore(w, e);
          if (!s.westReaches && !s.eastReaches) continue;
          // Wildcards and %defaultroute fit anything: without an exact address, ids or subnets must say it is one tunnel.
          if (s.evidence < 2) continue;
          // With one host's address wrong, only ids and subnets that all agree say it is the same tunnel.
          if (!(s.westReaches && s.eastReaches) && (s.disagreements > 0 || s.score < 6)) continue;
          if (!top || s.score > top.score) top = { west: w, east: e, westReaches: s.westReaches, eastReaches: s.eastReaches, score: s.score };
        }
      }
      if (top) candidates.push(top);
    });
  });
  const twoWay = candidates.filter((c) => c.westReaches && c.eastReaches);
  const oneWay = candidates.filter((c) => !(c.westReaches && c.eastReaches));
  const chosen: Candidate[] = [];
  // One tunnel per conn between two hosts: the best fitting pairs first. A conn whose best
  // partner is taken by a better fit is an alternative the responder may switch to (another
  // id, other subnets), not a tunnel of its own.
  const alternatives = new Set<ResolvedConn>();
  const taken = new Set<ResolvedConn>();
  for (const c of [...twoWay].sort((a, b) => b.score - a.score)) {
    if (taken.has(c.west.conn) || taken.has(c.east.conn)) continue;
    chosen.push(c);
    taken.add(c.west.conn);
    taken.add(c.east.conn);
  }
  // A leftover conn its host starts (west's, unless it waits for `%any`; or `auto=start`)
  // still lands on the peer's best fit, which then serves two: it is a tunnel of its own.
  const starts = (v: ConnView, isWest: boolean): boolean =>
    endHost(v.conn, other(v.local)).kind !== 'wildcard' && (isWest || ['start', 'up'].includes(v.conn.settings.get('auto')?.value.trim() ?? ''));
  for (const side of ['west', 'east'] as const) {
    for (const conn of side === 'west' ? westConns : eastConns) {
      if (taken.has(conn)) continue;
      let top: Candidate | undefined;
      for (const c of twoWay) if (c[side].conn === conn && (!top || c.score > top.score)) top = c;
      if (!top) continue;
      if (starts(top[side], side === 'west')) chosen.push(top);
      else alternatives.add(conn);
    }
  }
  const paired = (conn: ResolvedConn): boolean => chosen.some((c) => c.west.conn === conn || c.east.conn === conn);
  // A pairing one way only is the unreachable state of a tunnel neither conn has otherwise.
  for (const c of [...oneWay].sort((a, b) => b.score - a.score)) {
    if (!paired(c.west.conn) && !paired(c.east.conn)) chosen.push(c);
  }
  const unmatched: ConnWithoutPartner[] = [];
  westConns.forEach((c, i) => {
    if (!paired(c) && !alternatives.has(c)) unmatched.push({ host: 'west', conn: c, reason: `no conn on ${names.east} fits: ${describeHost(c, westViews[i][0])}, and no conn on ${names.east} expects ${names.west} where this one says it is` });
  });
  eastConns.forEach((c, j) => {
    if (!paired(c) && !alternatives.has(c)) unmatched.push({ host: 'east', conn: c, reason: `no conn on ${names.west} fits: ${describeHost(c, eastViews[j][0])}, and no conn on ${names.west} expects ${names.east} where this one says it is` });
  });
  return { matched: chosen.map((c) => ({ west: c.west, east: c.east, westReaches: c.westReaches, eastReaches: c.eastReaches })), unmatched };
}
