import { pathToFileURL } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import type { FleetReport } from '../pair/fleet';
import type { PairLocation } from '../pair/index';

function physical(l: PairLocation) {
  return {
    physicalLocation: {
      artifactLocation: { uri: pathToFileURL(l.file).href },
      region: { startLine: l.range.start.line + 1, startColumn: l.range.start.character + 1, endLine: l.range.end.line + 1, endColumn: l.range.end.character + 1 },
    },
  };
}

const states = ['ike-refused', 'child-refused', 'cannot-add', 'unreachable', 'up', 'no-partner'] as const;

/**
 * SARIF 2.1.0 for `fleet` and `pair`: one result per finding, its rule the state it leads to
 * (`pair/ike-refused`...), at the first host's line with the other host's line related.
 */
export function formatFleetSarif(report: FleetReport): string {
  const results = report.links.flatMap((link) =>
    link.report.pairings.flatMap((p) =>
      p.findings.map((f) => ({
        ruleId: `pair/${f.state}`,
        ruleIndex: states.indexOf(f.state),
        level: f.severity as 'error' | 'warning' | 'note',
        message: { text: `${link.west} conn ${p.west} <-> ${link.east} conn ${p.east}: ${f.notification === 'none' ? '' : `${f.notification}: `}${f.message}` },
        locations: [physical(f.west)],
        relatedLocations: [{ id: 1, message: { text: `${link.east}: ${f.east.text}` }, ...physical(f.east) }],
        properties: { state: f.state, notification: f.notification, westHost: link.west, eastHost: link.east },
      })),
    ),
  );
  for (const u of report.unmatched) {
    results.push({
      ruleId: 'pair/no-partner',
      ruleIndex: states.indexOf('no-partner'),
      level: 'note',
      message: { text: `${u.host} conn ${u.conn}: ${u.reason}` },
      locations: [physical(u.at)],
      relatedLocations: [],
      properties: { state: 'up', notification: 'none', westHost: u.host, eastHost: '' },
    });
  }
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ipsec-lint',
            version: packageJson.version,
            informationUri: packageJson.homepage,
            rules: states.map((s) => ({ id: `pair/${s}`, shortDescription: { text: s === 'no-partner' ? 'a conn that no other host pairs with' : `a negotiation predicted to end ${s}` } })),
          },
        },
        results,
      },
    ],
  }) + '\n';
}
