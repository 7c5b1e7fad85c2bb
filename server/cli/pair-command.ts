import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLibreswanVersion, type LibreswanVersion } from '../../schemas/keywords';
import { nodeFileSystem } from '../model/node-file-system';
import { checkPair, loadPairEnd, type PairLocation, type PairReport } from '../pair/index';
import { UsageError, type CommandResult } from './command-result';

export const pairUsage = `Usage: ipsec-lint pair [options] WEST EAST

Predicts whether two hosts can bring up their conns with each other. WEST and EAST are each
an ipsec.conf-style file (its secrets read from ipsec.secrets or <name>.secrets beside it)
or a folder laid out like /etc (ipsec.conf, ipsec.d/, ipsec.secrets). Conns are matched by
name; each finding names the notification the peers would log and the line to change on
each host. Secrets are compared, never printed.

Options:
  --format stylish|json       output format (default: stylish)
  --libreswan-version V       4.10 … 4.15, 5.0 … 5.4, or latest (default)
  -h, --help                  show this help

Exit status: 0 the ends match, 1 a failure is predicted, 2 usage or I/O trouble.`;

function where(l: PairLocation): string {
  return `${l.file}:${l.range.start.line + 1}:${l.range.start.character + 1}`;
}

function formatStylish(report: PairReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`conn ${f.conn}: ${f.severity} ${f.notification}: ${f.message}`);
    lines.push(`  west  ${where(f.west)}  ${f.west.text}`);
    lines.push(`  east  ${where(f.east)}  ${f.east.text}`);
    lines.push('');
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  lines.push(
    `${report.matched.length} conn${report.matched.length === 1 ? '' : 's'} compared, ${errors} predicted failure${errors === 1 ? '' : 's'}, ${report.findings.length - errors} warning${report.findings.length - errors === 1 ? '' : 's'}` +
      (report.westOnly.length + report.eastOnly.length > 0 ? `; only on west: ${report.westOnly.join(', ') || '-'}; only on east: ${report.eastOnly.join(', ') || '-'}` : ''),
  );
  return lines.join('\n') + '\n';
}

function formatJson(report: PairReport): string {
  const loc = (l: PairLocation) => ({ file: l.file, line: l.range.start.line + 1, column: l.range.start.character + 1, endLine: l.range.end.line + 1, endColumn: l.range.end.character + 1, text: l.text });
  return JSON.stringify({
    west: report.west,
    east: report.east,
    matched: report.matched,
    westOnly: report.westOnly,
    eastOnly: report.eastOnly,
    findings: report.findings.map((f) => ({ conn: f.conn, notification: f.notification, severity: f.severity, message: f.message, west: loc(f.west), east: loc(f.east) })),
  }) + '\n';
}

export function runPair(argv: readonly string[]): CommandResult {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      'libreswan-version': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { stdout: pairUsage + '\n', stderr: '', exitCode: 0 };
  if (positionals.length !== 2) throw new UsageError(`pair takes two paths, WEST and EAST (got ${positionals.length})`);
  if (values.format !== 'stylish' && values.format !== 'json') throw new UsageError(`--format must be stylish or json, not '${values.format}'`);
  let version: LibreswanVersion = 'latest';
  if (values['libreswan-version'] !== undefined) {
    const v = parseLibreswanVersion(values['libreswan-version']);
    if (!v) throw new UsageError(`unsupported --libreswan-version '${values['libreswan-version']}' (use 4.10 … 4.15, 5.0 … 5.4, or latest)`);
    version = v;
  }
  const ends = [];
  for (const given of positionals) {
    const full = resolve(given);
    let isFolder: boolean;
    try {
      isFolder = statSync(full).isDirectory();
    } catch {
      return { stdout: '', stderr: `ipsec-lint pair: ${given}: no such file or folder\n`, exitCode: 2 };
    }
    const loaded = loadPairEnd(full, isFolder, nodeFileSystem, version);
    if (!loaded.ok) return { stdout: '', stderr: `ipsec-lint pair: ${loaded.message}\n`, exitCode: 2 };
    ends.push(loaded.end);
  }
  const report = checkPair(ends[0], ends[1], version);
  const stdout = values.format === 'json' ? formatJson(report) : formatStylish(report);
  return { stdout, stderr: '', exitCode: report.findings.some((f) => f.severity === 'error') ? 1 : 0 };
}
