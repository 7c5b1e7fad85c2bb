import { parseArgs } from 'node:util';
import { checkPair } from '../pair/index';
import type { FleetReport } from '../pair/fleet';
import { UsageError, type CommandResult } from './command-result';
import { formatFleetSarif } from './fleet-sarif';
import { hostSettingOptions, loadHost, settingsFlags } from './host-loading';
import { fleetFails, formatFleetStylish, formatPairJson } from './pair-output';

export const pairUsage = `Usage: ipsec-lint pair [options] WEST EAST

Predicts whether two hosts can bring up their conns with each other. WEST and EAST are each
an ipsec.conf-style file (its secrets read from ipsec.secrets or <name>.secrets beside it)
or a folder laid out like /etc (ipsec.conf, ipsec.d/, ipsec.secrets). Conns are paired by
what the peers see (addresses, ids, subnets), not by name; each pairing gets a state (up,
ike-refused, child-refused, cannot-add, unreachable), the notification the peers would log
and the line to change on each host. Secrets are compared, never printed.

Options:
  --format stylish|json|sarif     output format (default: stylish)
  --libreswan-version V           both hosts' release: 4.10 … 4.15, 5.0 … 5.4, or latest
  --fips                          both hosts run in FIPS mode
  --crypto-policy NAME            both hosts' system crypto policy
  --crypto-policy-era ERA         rhel8, rhel9 or current
  --crypto-policy-file PATH       a site's own libreswan.config back-end
  --west-libreswan-version V, --east-libreswan-version V, --west-fips, --east-fips,
  --west-crypto-policy NAME, --east-crypto-policy NAME (and -era, -file): one host's own
                                  settings, over the ones above and the host's .ipsec-lint.json
  -h, --help                      show this help

Exit status: 0 every pairing comes up, 1 a failure is predicted or no conn pairs, 2 usage or
I/O trouble.`;

const perHost = Object.fromEntries(
  (['west-', 'east-'] as const).flatMap((p) => Object.entries(hostSettingOptions).map(([k, v]) => [p + k, v])),
) as { [K in `${'west-' | 'east-'}${keyof typeof hostSettingOptions}`]: (typeof hostSettingOptions)[K extends `${'west-' | 'east-'}${infer R extends keyof typeof hostSettingOptions}` ? R : never] };

export function runPair(argv: readonly string[]): CommandResult {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'stylish' }, help: { type: 'boolean', short: 'h' }, ...hostSettingOptions, ...perHost },
  });
  if (values.help) return { stdout: pairUsage + '\n', stderr: '', exitCode: 0 };
  if (positionals.length !== 2) throw new UsageError(`pair takes two paths, WEST and EAST (got ${positionals.length})`);
  if (!['stylish', 'json', 'sarif'].includes(values.format)) throw new UsageError(`--format must be stylish, json or sarif, not '${values.format}'`);
  const common = settingsFlags(values);
  const ends = [];
  for (const [i, given] of positionals.entries()) {
    const loaded = loadHost(given, settingsFlags(values, i === 0 ? 'west-' : 'east-'), common);
    if (!loaded.ok) return { stdout: '', stderr: `ipsec-lint pair: ${loaded.message}\n`, exitCode: 2 };
    ends.push(loaded.end);
  }
  const pair = checkPair(ends[0], ends[1]);
  const report: FleetReport = {
    hosts: [{ name: 'west', given: ends[0].given }, { name: 'east', given: ends[1].given }],
    links: pair.pairings.length > 0 ? [{ west: 'west', east: 'east', report: pair }] : [],
    unmatched: pair.unmatched,
  };
  const stdout = values.format === 'json' ? formatPairJson(report) : values.format === 'sarif' ? formatFleetSarif(report) : formatFleetStylish(report);
  const stderr = report.links.length === 0 ? `ipsec-lint pair: no conn of ${positionals[0]} pairs with a conn of ${positionals[1]}: their addresses, ids and subnets do not point at each other\n` : '';
  return { stdout, stderr, exitCode: fleetFails(report) ? 1 : 0 };
}
