import { checkPair } from './index';
import type { PairLocation, PairReport } from './findings';
import type { PairEnd } from './load-end';

export interface FleetHost {
  /** The host's name in messages and pictures: its folder's (or conf file's) name. */
  readonly name: string;
  readonly end: PairEnd;
}

/** Two hosts whose conns point at each other, with what pair predicts between them. */
export interface FleetLink {
  readonly west: string;
  readonly east: string;
  readonly report: PairReport;
}

export interface FleetReport {
  readonly hosts: readonly { readonly name: string; readonly given: string }[];
  readonly links: readonly FleetLink[];
  /** Conns that found a partner on no host of the fleet. */
  readonly unmatched: readonly { readonly host: string; readonly conn: string; readonly reason: string; readonly at: PairLocation }[];
}

/**
 * Checks every pair of hosts whose conns point at each other. A pairing that fits one way
 * only (the unreachable state) is dropped when either conn pairs both ways with another
 * host: in a mesh, a conn to one peer half-fits every other peer's conn to the same hub.
 */
export function checkFleet(hosts: readonly FleetHost[]): FleetReport {
  const every: FleetLink[] = [];
  for (let i = 0; i < hosts.length; i++) {
    for (let j = i + 1; j < hosts.length; j++) {
      const report = checkPair(hosts[i].end, hosts[j].end, undefined, { west: hosts[i].name, east: hosts[j].name });
      every.push({ west: hosts[i].name, east: hosts[j].name, report });
    }
  }
  const raw = every.filter((l) => l.report.pairings.length > 0);
  const twoWay = new Set<string>();
  for (const link of raw) {
    for (const p of link.report.pairings) {
      if (p.state === 'unreachable') continue;
      twoWay.add(`${link.west}\u0000${p.west}`);
      twoWay.add(`${link.east}\u0000${p.east}`);
    }
  }
  const links: FleetLink[] = [];
  for (const link of raw) {
    const pairings = link.report.pairings.filter((p) => p.state !== 'unreachable' || !(twoWay.has(`${link.west}\u0000${p.west}`) || twoWay.has(`${link.east}\u0000${p.east}`)));
    if (pairings.length === 0) continue;
    links.push({ ...link, report: { ...link.report, pairings, matched: pairings.map((p) => p.west), findings: pairings.flatMap((p) => p.findings) } });
  }
  const paired = new Set<string>();
  for (const link of links) {
    for (const p of link.report.pairings) {
      paired.add(`${link.west}\u0000${p.west}`);
      paired.add(`${link.east}\u0000${p.east}`);
    }
  }
  const unmatched: FleetReport['unmatched'][number][] = [];
  const seen = new Set<string>();
  for (const link of every) {
    for (const u of link.report.unmatched) {
      const host = u.host === 'west' ? link.west : link.east;
      const key = `${host}\u0000${u.conn}`;
      if (paired.has(key) || seen.has(key)) continue;
      seen.add(key);
      unmatched.push({ host, conn: u.conn, reason: `no host of the fleet has a conn that fits: ${u.reason.replace(/^no conn on \S+ fits: /, '')}`, at: u.at });
    }
  }
  return { hosts: hosts.map((h) => ({ name: h.name, given: h.end.given })), links, unmatched };
}
