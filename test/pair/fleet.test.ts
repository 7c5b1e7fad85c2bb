import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFleetDot, formatFleetHtml } from '../../server/cli/fleet-picture';
import { formatFleetSarif } from '../../server/cli/fleet-sarif';
import { hostNames, loadHost } from '../../server/cli/host-loading';
import { runCli } from '../../server/cli/main';
import { formatFleetStylish } from '../../server/cli/pair-output';
import { checkFleet, type FleetReport } from '../../server/pair/fleet';
import { writeMesh } from './fleet-mesh';

const scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-fleet-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface JsonPairing {
  readonly west: string;
  readonly east: string;
  readonly state: string;
  readonly notification: string | null;
  readonly findings: readonly { readonly severity: string; readonly west: { readonly file: string; readonly line: number }; readonly east: { readonly file: string; readonly line: number } }[];
}
interface JsonFleet {
  readonly hosts: readonly { readonly name: string }[];
  readonly links: readonly { readonly west: string; readonly east: string; readonly pairings: readonly JsonPairing[] }[];
  readonly unmatched: readonly unknown[];
}

describe('ipsec-lint fleet', () => {
  const { paths, faults } = writeMesh(join(scratch, 'mesh'));
  // The CLI runs once (JSON); the other formats are drawn from one report, to keep the test short.
  let report: FleetReport;
  beforeAll(() => {
    const names = hostNames(paths);
    report = checkFleet(paths.map((p, i) => {
      const h = loadHost(p, { libreswanVersion: '5.4' });
      if (!h.ok) throw new Error(h.message);
      return { name: names[i], end: h.end };
    }));
  }, 180_000);

  it('finds exactly the five faults planted in a 20-host site-to-site mesh, each with its state and lines', () => {
    expect(faults.map((f) => f.state).sort()).toEqual(['cannot-add', 'child-refused', 'ike-refused', 'ike-refused', 'unreachable']);
    expect(new Set(faults.map((f) => `${f.state} ${f.notification}`)).size).toBe(5);
    const started = performance.now();
    const r = runCli(['fleet', '--format', 'json', '--libreswan-version', '5.4', ...paths]);
    const ms = performance.now() - started;
    console.log(`[fleet] 20 hosts, ${(20 * 19) / 2} pairs of hosts: ${ms.toFixed(0)} ms`);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    const json = JSON.parse(r.stdout) as JsonFleet;
    expect(json.hosts).toHaveLength(20);
    expect(json.links).toHaveLength(190);
    expect(json.unmatched).toEqual([]);
    const broken = json.links.flatMap((l) => l.pairings.filter((p) => p.state !== 'up').map((p) => ({ link: l, p })));
    expect(broken.map(({ link, p }) => ({ west: link.west, east: link.east, state: p.state, notification: p.notification }))).toEqual(
      expect.arrayContaining(faults.map((f) => ({ ...f }))),
    );
    expect(broken).toHaveLength(5);
    expect(report.links).toHaveLength(190);
    for (const { link, p } of broken) {
      const f = p.findings.find((x) => x.severity === 'error')!;
      // Each line to change is on its own host.
      expect(f.west.file).toContain(`/${link.west}/`);
      expect(f.east.file).toContain(`/${link.east}/`);
    }
    for (const link of json.links) expect(link.pairings).toHaveLength(1);
  }, 180_000);

  it('draws the mesh as a Graphviz graph and a self-contained HTML page, the broken pairings marked', () => {
    const dot = formatFleetDot(report);
    expect(dot).toMatch(/^graph fleet \{/);
    expect(dot.match(/ -- /g)).toHaveLength(190);
    expect(dot.match(/penwidth=2\.5/g)).toHaveLength(5);
    for (const f of faults) expect(dot).toMatch(new RegExp(`"${f.west}" -- "${f.east}" \\[label="[^"]*: ${f.state}`));
    const html = formatFleetHtml(report);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src=|url\(/);
    expect(html.match(/<path class="edge broken"/g)).toHaveLength(5);
    expect(html.match(/<circle /g)).toHaveLength(20);
    for (const f of faults) expect(html).toContain(`${f.west} <code>`);
    expect(html).toContain('rightsubnet=10.99.0.0/16');
    expect(html).not.toContain('mesh-key-');
  });

  it('prints stylish and SARIF output, and never a PSK', () => {
    const stylish = formatFleetStylish(report);
    expect(stylish).toMatch(/190 pairings between 190 pairs of hosts: 185 up, 5 predicted failures/);
    expect(stylish).not.toContain('mesh-key-');
    const sarif = JSON.parse(formatFleetSarif(report)) as { runs: { results: { ruleId: string; level: string }[] }[] };
    expect(sarif.runs[0].results.filter((x) => x.level === 'error').map((x) => x.ruleId).sort()).toEqual(['pair/cannot-add', 'pair/child-refused', 'pair/ike-refused', 'pair/ike-refused', 'pair/unreachable']);
  });

  it('exits 1 with a clear message when no conns pair, and 2 on bad usage', () => {
    const { paths: two } = writeMesh(join(scratch, 'two'), 2);
    const alone = runCli(['fleet', two[0], join(scratch, 'mesh', 'site05')]);
    expect(alone.exitCode).toBe(1);
    expect(alone.stderr).toMatch(/no conn of one host pairs with a conn of another/);
    expect(runCli(['fleet', two[0]]).exitCode).toBe(2);
    expect(runCli(['fleet', '--format', 'png', ...two]).exitCode).toBe(2);
    expect(runCli(['fleet', two[0], join(scratch, 'nowhere')]).exitCode).toBe(2);
  });
});
