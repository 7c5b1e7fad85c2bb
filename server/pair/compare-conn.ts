import type { LintDiagnostic } from '../rules/rule';
import { connValue } from '../rules/left-right/ends';
import type { ConnPairing, PairLocation, PairState } from './findings';
import { compareChild } from './compare-child';
import { compareIkeAuth, compareIkeSaInit } from './compare-ike';
import { endHost, other } from './conn-view';
import type { MatchedConns } from './match-conns';
import { both, report, type PairContext, type PairHost } from './pair-context';
import { at } from './pair-locations';

/** The order a negotiation meets its stages: the first that fails is the pairing's state. */
const stageOrder: readonly PairState[] = ['cannot-add', 'unreachable', 'ike-refused', 'child-refused'];

/**
 * The findings with `rejectedByLibreswan` inside the conn's own section or a section it
 * pulls in with `also=`: the linter's add-time checks for that host's release say its
 * pluto would refuse to add the conn.
 */
function addTimeRefusals(host: PairHost, diagnostics: readonly LintDiagnostic[]): LintDiagnostic[] {
  const sections = [host.conn.placed, ...host.conn.alsoSections];
  return diagnostics.filter((d) => {
    if (!d.rejectedByLibreswan || d.severity !== 'error') return false;
    const named = 'conn' in d && typeof d.conn === 'string' ? d.conn : undefined;
    if (named !== undefined) return named === host.conn.name;
    return sections.some((s) => {
      if (s.file.path !== d.file) return false;
      const lines = [s.section.header.range.start.line, ...s.section.body.map((l) => l.range.end.line)];
      return d.range.start.line >= Math.min(...lines) && d.range.start.line <= Math.max(...lines);
    });
  });
}

function diagnosticAt(d: LintDiagnostic): PairLocation {
  return { file: d.file, range: d.range, text: `${d.ruleId}: ${d.message}` };
}

/** Who starts the negotiation: the end with `auto=start` (or `up`), else west; never an end whose peer is a wildcard. */
function initiatorOf(west: PairHost, east: PairHost): 'west' | 'east' {
  const starts = (h: PairHost): boolean => ['start', 'up'].includes(connValue(h.conn, 'auto') ?? '');
  const waits = (h: PairHost): boolean => endHost(h.conn, other(h.local)).kind === 'wildcard';
  if (waits(west) !== waits(east)) return waits(west) ? 'east' : 'west';
  return !starts(west) && starts(east) ? 'east' : 'west';
}

/**
 * Predicts the negotiation of one matched pair of conns, stage by stage as Libreswan meets
 * them: can each end add its conn, does the initiator reach the responder, IKE_SA_INIT,
 * IKE_AUTH, the Child SA. Every finding names the line to change on each host.
 */
export function comparePair(
  matched: MatchedConns,
  hosts: { readonly west: Omit<PairHost, 'conn' | 'local' | 'label'>; readonly east: Omit<PairHost, 'conn' | 'local' | 'label'> },
  diagnostics: { readonly west: readonly LintDiagnostic[]; readonly east: readonly LintDiagnostic[] },
): ConnPairing {
  const west: PairHost = { ...hosts.west, label: 'west', conn: matched.west.conn, local: matched.west.local };
  const east: PairHost = { ...hosts.east, label: 'east', conn: matched.east.conn, local: matched.east.local };
  const initiator = initiatorOf(west, east);
  const [i, r] = initiator === 'west' ? [west, east] : [east, west];
  const ctx: PairContext = { west, east, initiator: i, responder: r, ikeVersion: matched[initiator].ikeVersion, findings: [] };
  run(ctx, matched, diagnostics);
  const errors = ctx.findings.filter((f) => f.severity === 'error');
  let first = errors[0];
  for (const f of errors) if (stageOrder.indexOf(f.state) < stageOrder.indexOf(first.state)) first = f;
  return { west: west.conn.name, east: east.conn.name, initiator, westLocal: west.local, eastLocal: east.local, state: first?.state ?? 'up', notification: first?.notification, findings: ctx.findings };
}

function run(ctx: PairContext, matched: MatchedConns, diagnostics: { readonly west: readonly LintDiagnostic[]; readonly east: readonly LintDiagnostic[] }): void {
  const { initiator: i, responder: r } = ctx;
  let refused = false;
  for (const h of [i, r]) {
    const [d] = addTimeRefusals(h, diagnostics[h.label]);
    if (!d) continue;
    const peer = h === i ? r : i;
    report(ctx, h === i ? 'initiator-cannot-add' : 'responder-cannot-add', `${h.name}'s Libreswan ${h.version} refuses to add this conn (${d.message})${h === i ? ', so it never starts it' : `, so it has no conn for ${peer.name}`}. Fix that line on ${h.name}`,
      both(h, diagnosticAt(d), { file: peer.conn.placed.file.path, range: peer.conn.placed.section.header.range, text: `conn ${peer.conn.name}` }));
    refused = true;
  }
  if (refused) return;
  const iReaches = i.label === 'west' ? matched.westReaches : matched.eastReaches;
  const rReaches = i.label === 'west' ? matched.eastReaches : matched.westReaches;
  if (!iReaches) {
    report(ctx, 'initiator-points-elsewhere', `${i.name} sends to ${other(i.local)}=${i.conn.settings.get(other(i.local))?.value ?? '(not set)'}, but ${r.name} is at ${r.conn.settings.get(r.local)?.value ?? '(not set)'}: nobody answers there. Point ${i.name}'s conn at ${r.name}'s address`,
      both(i, at(i.conn, other(i.local)), at(r.conn, r.local)));
    return;
  }
  if (!rReaches) {
    report(ctx, 'responder-expects-elsewhere', `${r.name} expects its peer at ${other(r.local)}=${r.conn.settings.get(other(r.local))?.value ?? '(not set)'}, but ${i.name} is at ${i.conn.settings.get(i.local)?.value ?? '(not set)'}: ${r.name} has no conn for it. Make the two lines the same address`,
      both(r, at(r.conn, other(r.local)), at(i.conn, i.local)));
    return;
  }
  if (!compareIkeSaInit(ctx)) return;
  const before = ctx.findings.filter((f) => f.severity === 'error').length;
  compareIkeAuth(ctx);
  if (ctx.findings.filter((f) => f.severity === 'error').length > before) return;
  compareChild(ctx);
}
