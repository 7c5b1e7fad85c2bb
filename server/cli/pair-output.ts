import type { FleetReport } from '../pair/fleet';
import type { ConnPairing, PairFinding, PairLocation } from '../pair/index';

/*
 * Text and JSON for `pair` and `fleet`: one pair of hosts is a fleet of two. Every
 * location is `file:line:column` and the line's text; secrets appear as their selectors.
 */

export function where(l: PairLocation): string {
  return `${l.file}:${l.range.start.line + 1}:${l.range.start.character + 1}`;
}

export function stateText(p: ConnPairing): string {
  return p.state === 'up' ? 'up' : `${p.state} (${p.notification ?? 'none'})`;
}

export function failing(p: ConnPairing): boolean {
  return p.findings.some((f) => f.severity === 'error');
}

/** Whether the run predicts a failure, or has nothing to predict: both make the exit status 1. */
export function fleetFails(report: FleetReport): boolean {
  return report.links.length === 0 || report.links.some((l) => l.report.pairings.some(failing));
}

export function formatFleetStylish(report: FleetReport): string {
  const lines: string[] = [];
  let pairings = 0;
  let broken = 0;
  let warnings = 0;
  for (const link of report.links) {
    lines.push(`${link.west} <-> ${link.east}`);
    for (const p of link.report.pairings) {
      pairings++;
      if (failing(p)) broken++;
      lines.push(`  conn ${p.west} (${link.west}) <-> ${p.east} (${link.east}), ${p.initiator === 'west' ? link.west : link.east} initiates: ${stateText(p)}`);
      for (const f of p.findings) {
        if (f.severity === 'warning') warnings++;
        lines.push(`    ${f.severity} ${f.notification === 'none' ? f.state : f.notification}: ${f.message}`);
        lines.push(`      ${link.west}  ${where(f.west)}  ${f.west.text}`);
        lines.push(`      ${link.east}  ${where(f.east)}  ${f.east.text}`);
      }
    }
    lines.push('');
  }
  for (const u of report.unmatched) lines.push(`no partner: ${u.host} conn ${u.conn} (${where(u.at)}): ${u.reason}`);
  if (report.unmatched.length > 0) lines.push('');
  if (report.links.length === 0) {
    lines.push(`no conn of ${report.hosts.map((h) => h.name).join(', ')} pairs with a conn of another: nothing to predict (the conns above say why)`);
  } else {
    lines.push(`${pairings} pairing${pairings === 1 ? '' : 's'} between ${report.links.length} pair${report.links.length === 1 ? '' : 's'} of hosts: ${pairings - broken} up, ${broken} predicted failure${broken === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; ${report.unmatched.length} conn${report.unmatched.length === 1 ? '' : 's'} without a partner`);
  }
  return lines.join('\n') + '\n';
}

export function locationJson(l: PairLocation) {
  return { file: l.file, line: l.range.start.line + 1, column: l.range.start.character + 1, endLine: l.range.end.line + 1, endColumn: l.range.end.character + 1, text: l.text };
}

function findingJson(f: PairFinding) {
  return { conn: f.conn, eastConn: f.eastConn, state: f.state, notification: f.notification, severity: f.severity, message: f.message, west: locationJson(f.west), east: locationJson(f.east) };
}

function pairingJson(p: ConnPairing) {
  return { west: p.west, east: p.east, initiator: p.initiator, state: p.state, notification: p.notification ?? null, findings: p.findings.map(findingJson) };
}

export function fleetJson(report: FleetReport) {
  return {
    hosts: report.hosts,
    links: report.links.map((l) => ({ west: l.west, east: l.east, pairings: l.report.pairings.map(pairingJson) })),
    unmatched: report.unmatched.map((u) => ({ host: u.host, conn: u.conn, reason: u.reason, at: locationJson(u.at) })),
  };
}

/** `pair --format json`: one pair's links flattened, with the finding list earlier versions printed. */
export function formatPairJson(report: FleetReport): string {
  const link = report.links[0];
  return JSON.stringify({
    west: report.hosts[0]?.given,
    east: report.hosts[1]?.given,
    matched: link ? link.report.pairings.map((p) => p.west) : [],
    pairings: link ? link.report.pairings.map(pairingJson) : [],
    unmatched: report.unmatched.map((u) => ({ host: u.host, conn: u.conn, reason: u.reason, at: locationJson(u.at) })),
    findings: link ? link.report.findings.map(findingJson) : [],
  }) + '\n';
}
