import type { LibreswanVersion } from '../../schemas/keywords';
import type { ResolvedConn } from '../model/connections';
import { compareConn } from './compare-conn';
import type { PairReport } from './findings';
import type { PairEnd } from './load-end';

export type { Notification, PairFinding, PairLocation, PairReport } from './findings';
export { loadPairEnd, type PairEnd } from './load-end';

function byName(conns: readonly ResolvedConn[]): Map<string, ResolvedConn> {
  const map = new Map<string, ResolvedConn>();
  // A duplicate name: Libreswan keeps the first (the second is refused), so do we.
  for (const c of conns) if (!map.has(c.name)) map.set(c.name, c);
  return map;
}

/** Matches the two hosts' conns by name and predicts, for each, what the peers would answer. */
export function checkPair(west: PairEnd, east: PairEnd, version: LibreswanVersion): PairReport {
  const w = byName(west.config.conns);
  const e = byName(east.config.conns);
  // A conn another conn pulls in with also= is a template there, not a tunnel of its own.
  const templates = new Set(
    [...west.config.conns, ...east.config.conns].flatMap((c) => c.alsoSections.map((s) => (s.section.kind === 'conn' ? s.section.name : ''))),
  );
  const matched = [...w.keys()].filter((n) => e.has(n) && !templates.has(n));
  const findings = matched.flatMap((n) => compareConn(w.get(n)!, west.secrets, e.get(n)!, east.secrets, version, west.config.conns, east.config.conns));
  return {
    west: west.given,
    east: east.given,
    matched,
    westOnly: [...w.keys()].filter((n) => !e.has(n)),
    eastOnly: [...e.keys()].filter((n) => !w.has(n)),
    findings,
  };
}
