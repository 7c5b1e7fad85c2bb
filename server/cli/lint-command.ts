import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLibreswanVersion } from '../../schemas/keywords';
import { parseCryptoPolicyEra } from '../../schemas/crypto-policies/index';
import { nodeFileSystem } from '../model/node-file-system';
import type { LintDiagnostic } from '../rules/rule';
import { lintConf } from '../service/lint-conf';
import { lintPolicyGroup } from '../service/lint-policy';
import { lintSecrets } from '../service/lint-secrets';
import { discover, kindOfPath } from './discover';
import type { FileReport } from './file-report';
import { formatJson } from './output-json';
import { formatSarif } from './output-sarif';
import { formatStylish } from './output-stylish';
import { SettingsResolver } from './resolve-settings';
import { UsageError, type CommandResult } from './command-result';

export const lintUsage = `Usage: ipsec-lint [options] PATH...

Lints Libreswan ipsec.conf and ipsec.secrets files. A PATH may be a file or a folder
(every ipsec.conf-style and ipsec.secrets-style file under it), or - for standard input.

Options:
  --format stylish|json|sarif output format (default: stylish); sarif for code scanning
  --root DIR                  folder that stands for / of the target host (absolute includes)
  --libreswan-version V       4.10 … 4.15, 5.0 … 5.4, or latest (default)
  --fips                      check as a FIPS-mode host does
  --crypto-policy NAME        system crypto policy in force (default DEFAULT; e.g. FUTURE, FIPS:OSPP)
  --crypto-policy-era ERA     rhel8, rhel9 or current (default) generation of that policy
  --crypto-policy-file PATH   a site's own /etc/crypto-policies/back-ends/libreswan.config
  --stdin-filename PATH       name standard input as this file (its kind, settings and includes)
  --quiet                     report errors only
  --max-warnings N            exit 1 when there are more than N warnings and informational findings
  -h, --help                  show this help

Other commands: ipsec-lint fmt --help, ipsec-lint pair --help, ipsec-lint fleet --help
Exit status: 0 no errors, 1 errors found, 2 usage or I/O trouble.`;

function diagnosticKey(d: LintDiagnostic): string {
  return `${d.ruleId}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function runLint(argv: readonly string[], readStandardInput: () => Buffer = () => readFileSync(0)): CommandResult {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      root: { type: 'string' },
      'libreswan-version': { type: 'string' },
      fips: { type: 'boolean' },
      'crypto-policy': { type: 'string' },
      'crypto-policy-era': { type: 'string' },
      'crypto-policy-file': { type: 'string' },
      'stdin-filename': { type: 'string' },
      quiet: { type: 'boolean' },
      'max-warnings': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { stdout: lintUsage + '\n', stderr: '', exitCode: 0 };
  if (positionals.length === 0) throw new UsageError('no PATH given');
  if (values.format !== 'stylish' && values.format !== 'json' && values.format !== 'sarif') throw new UsageError(`--format must be stylish, json or sarif, not '${values.format}'`);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings takes a whole number, not '${values['max-warnings']}'`);
  let version;
  if (values['libreswan-version'] !== undefined) {
    version = parseLibreswanVersion(values['libreswan-version']);
    if (!version) throw new UsageError(`unsupported --libreswan-version '${values['libreswan-version']}' (use 4.10 … 4.15, 5.0 … 5.4, or latest)`);
  }
  let cryptoPolicyEra;
  if (values['crypto-policy-era'] !== undefined) {
    cryptoPolicyEra = parseCryptoPolicyEra(values['crypto-policy-era']);
    if (!cryptoPolicyEra) throw new UsageError(`--crypto-policy-era must be rhel8, rhel9 or current, not '${values['crypto-policy-era']}'`);
  }
  const resolver = new SettingsResolver({
    libreswanVersion: version,
    root: values.root ? resolve(values.root) : undefined,
    fips: values.fips,
    cryptoPolicy: values['crypto-policy'],
    cryptoPolicyEra,
    cryptoPolicyFile: values['crypto-policy-file'] ? resolve(values['crypto-policy-file']) : undefined,
  });
  const { files, problems } = discover(positionals.filter((p) => p !== '-'));
  const stderr: string[] = problems.map((p) => `ipsec-lint: ${p.path}: ${p.message}`);
  const byFile = new Map<string, Map<string, LintDiagnostic>>();
  const order: string[] = [];
  const note = (path: string): Map<string, LintDiagnostic> => {
    let m = byFile.get(path);
    if (!m) {
      m = new Map();
      byFile.set(path, m);
      order.push(path);
    }
    return m;
  };
  const covered = new Set<string>();
  let ioTrouble = problems.length > 0;
  // ipsec.conf first, so the files it includes are linted in its context rather than alone.
  const confFirst = [...files].sort((a, b) => rank(a.path) - rank(b.path));
  for (const file of confFirst) note(file.path);
  for (const file of confFirst) {
    if (file.kind !== 'conf' || (covered.has(file.path) && !file.explicit)) continue;
    const read = nodeFileSystem.readText(file.path);
    if (!read.ok) {
      stderr.push(`ipsec-lint: ${file.path}: ${read.message}`);
      ioTrouble = true;
      continue;
    }
    const result = lintConf({ path: file.path, text: read.text, fs: nodeFileSystem, settings: resolver.forFile(file.path) });
    for (const f of result.config.loaded.files) covered.add(f.path);
    for (const d of result.diagnostics) note(d.file).set(diagnosticKey(d), d);
  }
  // ipsec.secrets-style files (with the conf beside them) and policy group files.
  for (const file of confFirst) {
    if (file.kind === 'conf' || (covered.has(file.path) && !file.explicit)) continue;
    const read = nodeFileSystem.readText(file.path);
    if (!read.ok) {
      stderr.push(`ipsec-lint: ${file.path}: ${read.message}`);
      ioTrouble = true;
      continue;
    }
    const settings = resolver.forFile(file.path);
    if (file.kind === 'secrets') {
      const result = lintSecrets({ path: file.path, text: read.text, fs: nodeFileSystem, settings });
      for (const f of result.secrets.files) covered.add(f.path);
      for (const d of result.diagnostics) note(d.file).set(diagnosticKey(d), d);
    } else {
      for (const d of lintPolicyGroup(file.path, read.text, nodeFileSystem, settings)) note(d.file).set(diagnosticKey(d), d);
    }
  }
  if (positionals.includes('-')) {
    const path = values['stdin-filename'] ? resolve(values['stdin-filename']) : resolve('<stdin>');
    const bytes = readStandardInput();
    let text: string | undefined;
    try {
      text = bytes.includes(0) ? undefined : utf8.decode(bytes);
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      stderr.push(`ipsec-lint: <stdin>: ${bytes.includes(0) ? 'binary input (contains NUL bytes), not a configuration' : 'not valid UTF-8 text'}`);
      ioTrouble = true;
    } else {
      const settings = resolver.forFile(path);
      const kind = kindOfPath(path);
      note(path);
      const found =
        kind === 'conf'
          ? lintConf({ path, text, fs: nodeFileSystem, settings, cwd: values['stdin-filename'] ? dirname(path) : resolve('.') }).diagnostics
          : kind === 'secrets'
            ? lintSecrets({ path, text, fs: nodeFileSystem, settings }).diagnostics
            : lintPolicyGroup(path, text, nodeFileSystem, settings);
      for (const d of found) note(d.file).set(diagnosticKey(d), d);
    }
  }
  for (const p of resolver.problems) {
    stderr.push(`ipsec-lint: ${p.path}:${p.line}:${p.column}: ${p.message}`);
    ioTrouble = true;
  }
  const reports: FileReport[] = order.map((path) => ({
    path,
    diagnostics: [...byFile.get(path)!.values()]
      .filter((d) => !values.quiet || d.severity === 'error')
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
  }));
  const hasErrors = reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  const warnings = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity !== 'error').length, 0);
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) stderr.push(`ipsec-lint: ${warnings} warnings and informational findings, more than --max-warnings ${maxWarnings}`);
  const stdout =
    values.format === 'json' ? formatJson(reports) + '\n' : values.format === 'sarif' ? formatSarif(reports) + '\n' : formatStylish(reports);
  return { stdout, stderr: stderr.map((l) => l + '\n').join(''), exitCode: ioTrouble ? 2 : hasErrors || tooManyWarnings ? 1 : 0 };
}

function rank(path: string): number {
  const depth = path.split('/').length;
  return (path.endsWith('/ipsec.conf') ? 0 : 1000) + depth;
}
