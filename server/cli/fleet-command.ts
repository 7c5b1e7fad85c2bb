import { parseArgs } from 'node:util';
import { checkFleet, type FleetHost } from '../pair/fleet';
import { UsageError, type CommandResult } from './command-result';
import { formatFleetDot, formatFleetHtml } from './fleet-picture';
import { formatFleetSarif } from './fleet-sarif';
import { hostNames, hostSettingOptions, loadHost, settingsFlags } from './host-loading';
import { fleetFails, fleetJson, formatFleetStylish } from './pair-output';

export const fleetUsage = `Usage: ipsec-lint fleet [options] HOST...

Predicts every negotiation between the hosts given: each HOST is a folder laid out like /etc
(ipsec.conf, ipsec.d/, ipsec.secrets) or an ipsec.conf-style file. Every pair of hosts whose
conns point at each other is checked as 'ipsec-lint pair' does; a host's release, FIPS mode
and crypto policy come from the flags below, else from the .ipsec-lint.json found from its
folder upward.

Options:
  --format stylish|json|sarif|dot|html   output format (default: stylish); dot is a Graphviz
                                         graph, html a self-contained page with the picture
  --libreswan-version V                  4.10 … 4.15, 5.0 … 5.4, or latest
  --fips                                 every host runs in FIPS mode
  --crypto-policy NAME, --crypto-policy-era ERA, --crypto-policy-file PATH
  -h, --help                             show this help

Exit status: 0 every pairing comes up, 1 a failure is predicted or no conns pair, 2 usage or
I/O trouble.`;

const formats = ['stylish', 'json', 'sarif', 'dot', 'html'] as const;

export function runFleet(argv: readonly string[]): CommandResult {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'stylish' }, help: { type: 'boolean', short: 'h' }, ...hostSettingOptions },
  });
  if (values.help) return { stdout: fleetUsage + '\n', stderr: '', exitCode: 0 };
  if (positionals.length < 2) throw new UsageError(`fleet takes at least two hosts (got ${positionals.length})`);
  const format = formats.find((f) => f === values.format);
  if (!format) throw new UsageError(`--format must be one of ${formats.join(', ')}, not '${values.format}'`);
  const flags = settingsFlags(values);
  const names = hostNames(positionals);
  const hosts: FleetHost[] = [];
  for (const [i, given] of positionals.entries()) {
    const loaded = loadHost(given, flags);
    if (!loaded.ok) return { stdout: '', stderr: `ipsec-lint fleet: ${loaded.message}\n`, exitCode: 2 };
    hosts.push({ name: names[i], end: loaded.end });
  }
  const report = checkFleet(hosts);
  const stdout =
    format === 'json' ? JSON.stringify(fleetJson(report)) + '\n'
    : format === 'sarif' ? formatFleetSarif(report)
    : format === 'dot' ? formatFleetDot(report)
    : format === 'html' ? formatFleetHtml(report)
    : formatFleetStylish(report);
  const stderr = report.links.length === 0 ? `ipsec-lint fleet: no conn of one host pairs with a conn of another: their addresses, ids and subnets do not point at each other\n` : '';
  return { stdout, stderr, exitCode: fleetFails(report) ? 1 : 0 };
}
