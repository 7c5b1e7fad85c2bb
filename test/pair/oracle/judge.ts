import { nodeFileSystem } from '../../../server/model/node-file-system';
import { checkPair, loadPairEnd, type PairEnd } from '../../../server/pair/index';
import { defaultSettings } from '../../../server/settings/lint-settings';
import type { NegotiationCase } from './negotiation-case';
import { isUp, outcomeNotification, type NegotiationOutcome } from './run-negotiation';

/** Up or down, and for down the notification (or `timeout` / `none`), as one side of the comparison. */
export interface Verdict {
  readonly up: boolean;
  readonly notification: string;
  readonly detail: string;
}

function events(o: NegotiationOutcome, side: 'west' | 'east'): string[] {
  const s = o.raw[side] as { events?: unknown } | undefined;
  return Array.isArray(s?.events) ? s.events.filter((e): e is string => typeof e === 'string') : [];
}

/**
 * What the plutos did, read from the oracle's JSON. Three readings go beyond its `outcome`
 * (docs/pair.md says why): a conn addconn refused is down whatever the outcome says (the
 * script counts "failed to add" as a kernel error); an IKEv2 initiator that logs "no
 * better connection found" has deleted the IKE SA the responder thinks is up; and an
 * outcome without a notification (`failed:unknown`, `ike_only`) is `none`.
 */
export function oracleVerdict(o: NegotiationOutcome): Verdict {
  if (o.addFailed.includes('west')) return { up: false, notification: 'none', detail: `west addconn refused; oracle outcome ${o.outcome}` };
  if (o.addFailed.includes('east')) return { up: false, notification: isUp(o.outcome) ? 'none' : outcomeNotification(o.outcome), detail: `east addconn refused; oracle outcome ${o.outcome}` };
  const rejectedPeer = [...events(o, 'west'), ...events(o, 'east')].some((l) => /no better connection found/.test(l));
  if (isUp(o.outcome) && !rejectedPeer) return { up: true, notification: 'up', detail: o.outcome };
  if (isUp(o.outcome)) return { up: false, notification: 'none', detail: `${o.outcome}, but a peer id was refused ("no better connection found")` };
  const n = outcomeNotification(o.outcome);
  return { up: false, notification: n === 'failed:unknown' || n === 'ike_only' ? 'none' : n, detail: o.outcome };
}

function load(conf: string, version: '5.4' | '5.2', conn: string): PairEnd {
  const r = loadPairEnd(conf, false, nodeFileSystem, { ...defaultSettings, libreswanVersion: version });
  if (!r.ok) throw new Error(r.message);
  // The oracle adds only the named conn on each host; the others are not loaded there.
  return { ...r.end, config: { ...r.end.config, conns: r.end.config.conns.filter((c) => c.name === conn) } };
}

/** What pair predicts for the case: the state of the pairing of west's conn, or why it found none. */
export function pairVerdict(c: NegotiationCase): Verdict {
  const west = load(c.westConf, c.westVersion ?? '5.4', c.conn);
  const east = load(c.eastConf, c.eastVersion ?? '5.4', c.eastConn ?? c.conn);
  const report = checkPair(west, east);
  const pairing = report.pairings.find((p) => p.west === c.conn);
  if (!pairing) {
    const why = report.unmatched.map((u) => `${u.host} ${u.conn}: ${u.reason}`).join('; ');
    return { up: false, notification: 'timeout', detail: `no pairing (${why || 'no conn'})` };
  }
  if (pairing.state === 'up') return { up: true, notification: 'up', detail: pairing.findings.map((f) => f.message).join('; ') || 'up' };
  const first = pairing.findings.find((f) => f.severity === 'error' && f.state === pairing.state);
  return { up: false, notification: pairing.notification ?? 'none', detail: `${pairing.state}: ${first?.message ?? ''}` };
}
