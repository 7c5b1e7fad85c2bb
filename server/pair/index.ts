import type { LibreswanVersion } from '../../schemas/keywords';
import { comparePair } from './compare-conn';
import type { PairLocation, PairReport, UnmatchedConn } from './findings';
import type { PairEnd } from './load-end';
import { matchConns } from './match-conns';
import { connHeader } from '../rules/left-right/ends';

export type { ConnPairing, Notification, PairFinding, PairLocation, PairReport, PairState, UnmatchedConn } from './findings';
export { loadPairEnd, type PairEnd } from './load-end';

/**
 * Pairs the two hosts' conns by what the peers see and predicts, for each pairing, how far
 * the negotiation gets. `version` overrides both hosts' own release (older callers).
 */
export function checkPair(west: PairEnd, east: PairEnd, version?: LibreswanVersion, names: { readonly west: string; readonly east: string } = { west: 'west', east: 'east' }): PairReport {
  const { matched, unmatched } = matchConns(west.config.conns, east.config.conns, names);
  const host = (end: PairEnd, name: string) => ({
    name,
    secrets: end.secrets,
    version: version ?? end.settings.libreswanVersion,
    fips: end.settings.fips,
    all: end.config.conns,
  });
  const hosts = { west: host(west, names.west), east: host(east, names.east) };
  const pairings = matched.map((m) => comparePair(m, hosts, { west: west.diagnostics, east: east.diagnostics }));
  const headerAt = (c: (typeof unmatched)[number]['conn']): PairLocation => ({ ...connHeader(c), text: `conn ${c.name}` });
  const lonely: UnmatchedConn[] = unmatched.map((u) => ({ host: u.host, conn: u.conn.name, reason: u.reason, at: headerAt(u.conn) }));
  return {
    west: west.given,
    east: east.given,
    pairings,
    matched: pairings.map((p) => p.west),
    unmatched: lonely,
    findings: pairings.flatMap((p) => p.findings),
  };
}
