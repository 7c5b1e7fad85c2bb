import type { FleetReport } from '../pair/fleet';
import type { ConnPairing } from '../pair/index';
import { failing, stateText, where } from './pair-output';

/*
 * The fleet as a graph: hosts are nodes, each pairing of conns an edge, the broken ones
 * red with their state and the lines to change. A person reads a broken mesh faster so.
 */

function colour(p: ConnPairing): string {
  return failing(p) ? '#c62828' : p.findings.length > 0 ? '#ef6c00' : '#2e7d32';
}

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function formatFleetDot(report: FleetReport): string {
  const lines = ['graph fleet {', '  graph [overlap=false, splines=true];', '  node [shape=box, style=rounded, fontname="sans-serif"];', '  edge [fontname="sans-serif", fontsize=10];'];
  for (const h of report.hosts) lines.push(`  ${dotString(h.name)} [tooltip=${dotString(h.given)}];`);
  for (const link of report.links) {
    for (const p of link.report.pairings) {
      const label = `${p.west === p.east ? p.west : `${p.west} / ${p.east}`}: ${stateText(p)}`;
      const tooltip = p.findings.map((f) => `${f.severity} ${f.message}\n${link.west} ${where(f.west)} ${f.west.text}\n${link.east} ${where(f.east)} ${f.east.text}`).join('\n\n') || 'up';
      lines.push(`  ${dotString(link.west)} -- ${dotString(link.east)} [label=${dotString(label)}, color=${dotString(colour(p))}, fontcolor=${dotString(colour(p))}${failing(p) ? ', penwidth=2.5, style=bold' : ''}, tooltip=${dotString(tooltip)}];`);
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A self-contained page: an SVG of the hosts on a circle, then each broken pairing with its lines to change. */
export function formatFleetHtml(report: FleetReport): string {
  const n = Math.max(1, report.hosts.length);
  const size = Math.max(420, 60 * n);
  const r = size / 2 - 70;
  const pos = new Map(report.hosts.map((h, i) => [h.name, { x: size / 2 + r * Math.cos((2 * Math.PI * i) / n - Math.PI / 2), y: size / 2 + r * Math.sin((2 * Math.PI * i) / n - Math.PI / 2) }]));
  const svg: string[] = [];
  const rows: string[] = [];
  let id = 0;
  for (const link of report.links) {
    const a = pos.get(link.west)!;
    const b = pos.get(link.east)!;
    link.report.pairings.forEach((p, k) => {
      const anchor = `p${id++}`;
      // Several pairings between two hosts: bend each its own way so they stay apart.
      const bend = (k - (link.report.pairings.length - 1) / 2) * 30;
      const mx = (a.x + b.x) / 2 - ((b.y - a.y) / Math.hypot(b.x - a.x, b.y - a.y || 1)) * bend;
      const my = (a.y + b.y) / 2 + ((b.x - a.x) / Math.hypot(b.x - a.x, b.y - a.y || 1)) * bend;
      const title = `${link.west} ${p.west} <-> ${link.east} ${p.east}: ${stateText(p)}`;
      svg.push(`<a href="#${anchor}"><path class="edge ${failing(p) ? 'broken' : p.findings.length ? 'warn' : 'up'}" d="M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}" stroke="${colour(p)}"><title>${html(title)}</title></path></a>`);
      if (failing(p)) svg.push(`<text class="edge-label" x="${mx.toFixed(1)}" y="${my.toFixed(1)}" fill="${colour(p)}">${html(p.state)}</text>`);
      if (p.findings.length === 0) return;
      const findings = p.findings
        .map((f) => `<li class="${f.severity}"><strong>${html(f.severity)} ${html(f.notification === 'none' ? f.state : f.notification)}</strong>: ${html(f.message)}<table><tr><th>${html(link.west)}</th><td><code>${html(where(f.west))}</code></td><td><code>${html(f.west.text)}</code></td></tr><tr><th>${html(link.east)}</th><td><code>${html(where(f.east))}</code></td><td><code>${html(f.east.text)}</code></td></tr></table></li>`)
        .join('');
      rows.push(`<section id="${anchor}" class="${failing(p) ? 'broken' : 'warn'}"><h3>${html(link.west)} <code>${html(p.west)}</code> &harr; ${html(link.east)} <code>${html(p.east)}</code>: ${html(stateText(p))}</h3><ul>${findings}</ul></section>`);
    });
  }
  for (const h of report.hosts) {
    const p = pos.get(h.name)!;
    svg.push(`<g class="host"><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="22"><title>${html(h.given)}</title></circle><text x="${p.x.toFixed(1)}" y="${(p.y + 38).toFixed(1)}">${html(h.name)}</text></g>`);
  }
  const total = report.links.reduce((s, l) => s + l.report.pairings.length, 0);
  const broken = report.links.reduce((s, l) => s + l.report.pairings.filter(failing).length, 0);
  const lonely = report.unmatched.map((u) => `<li><strong>${html(u.host)}</strong> conn <code>${html(u.conn)}</code> (<code>${html(where(u.at))}</code>): ${html(u.reason)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ipsec-lint fleet</title>
<style>
body{font-family:sans-serif;margin:2em;color:#222}svg{border:1px solid #ddd;background:#fafafa}
.edge{fill:none;stroke-width:2}.edge.broken{stroke-width:4}.edge-label{font-size:11px;text-anchor:middle;paint-order:stroke;stroke:#fafafa;stroke-width:4px}
.host circle{fill:#1565c0}.host text{text-anchor:middle;font-size:13px}
section{border-left:4px solid #c62828;padding:.2em 1em;margin:1em 0}section.warn{border-color:#ef6c00}
li.warning strong{color:#ef6c00}li.error strong{color:#c62828}table{margin:.3em 0}th{text-align:left;padding-right:1em}td{padding-right:1em}
</style></head><body>
<h1>ipsec-lint fleet</h1>
<p>${report.hosts.length} hosts, ${total} pairings of conns: ${total - broken} up, ${broken} predicted to fail. Red edges are broken; each links to its lines to change.</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${svg.join('')}</svg>
<h2>Predicted failures and warnings</h2>
${rows.join('\n') || '<p>None.</p>'}
${lonely ? `<h2>Conns without a partner</h2><ul>${lonely}</ul>` : ''}
</body></html>
`;
}
