import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLibreswanVersion } from '../../schemas/keywords';
import { parseCryptoPolicyEra } from '../../schemas/crypto-policies/index';
import { nodeFileSystem } from '../model/node-file-system';
import type { LintDiagnostic } from '../rules/rule';
import { lintConf, type ConfLintResult } from '../service/lint-conf';
import { entryCandidatesFor, isEntryFile } from '../service/entry-files';
import { lintPolicyGroup } from '../service/lint-policy';
import { lintSecrets, secretsOwner } from '../service/lint-secrets';
import { discover, kindOfPath } from './discover';
import { isIgnored } from './ignore-patterns';
import type { FileReport } from './file-report';
import { formatJson } from './output-json';
import { formatSarif, type SarifInvocation } from './output-sarif';
import { formatStylish } from './output-stylish';
import { formatGithub } from './output-github';
import { formatGcc } from './output-gcc';
import { formatRuleList } from './list-rules';
import { SettingsResolver } from './resolve-settings';
import { UsageError, type CommandResult } from './command-result';
import { runFix } from './fix-command';

export const lintUsage = `Usage: ipsec-lint [options] PATH...

Lints Libreswan ipsec.conf and ipsec.secrets files. A PATH may be a file or a folder
(every ipsec.conf-style and ipsec.secrets-style file under it), or - for standard input.

Options:
  --format FORMAT             stylish (default), json (ESLint's shape), sarif (code scanning),
                              github (Actions annotations) or gcc (file:line:col: severity: message)
  --list-rules                list every rule: id, family, default severity, fixable, docs
                              (with --format json: as JSON)
  --root DIR                  folder that stands for / of the target host (absolute includes)
  --libreswan-version V       4.10 … 4.15, 5.0 … 5.4, or latest (default)
  --fips                      check as a FIPS-mode host does
  --crypto-policy NAME        system crypto policy in force (default DEFAULT; e.g. FUTURE, FIPS:OSPP)
  --crypto-policy-era ERA     rhel8, rhel9 or current (default) generation of that policy
  --crypto-policy-file PATH   a site's own /etc/crypto-policies/back-ends/libreswan.config
  --ignore-pattern GLOB       skip matching files and folders in folder mode (repeatable;
                              gitignore style, as .ipsec-lint.json's ignorePatterns)
  --stdin-filename PATH       name standard input as this file (its kind, settings and includes)
  --quiet                     report errors only
  --max-warnings N            exit 1 when there are more than N warnings and informational findings
  --fix                       apply the safe fixes and the migrations to the target release, in place
                              (atomically; ipsec.secrets files are left alone), then report what is left
  --fix-dry-run               print the changes --fix would make as a unified diff; the errors it
                              would leave go to standard error
  -h, --help                  show this help
  --version                   print the version

Commands (each has --help):
  ipsec-lint [lint] PATH...            lint files and folders (this command; the default)
  ipsec-lint [lint] --fix PATH...      apply the fixes safe to apply unseen, then lint
  ipsec-lint [lint] --fix-dry-run ...  show those fixes as a diff, change nothing
  ipsec-lint fmt PATH...               format (--check to only report, --write to rewrite)
  ipsec-lint pair A.conf B.conf        check two hosts' configurations against each other
  ipsec-lint fleet PATH...             check many hosts' configurations against each other

Environment:
  IPSEC_LINT_TIMING=1                  after the findings, print on standard error the CPU time
                                       and memory of each phase and of the slowest rules

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
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      'list-rules': { type: 'boolean' },
      'ignore-pattern': { type: 'string', multiple: true },
    },
  });
  if (values.help) return { stdout: lintUsage + '\n', stderr: '', exitCode: 0 };
  if (values['list-rules']) {
    if (values.format !== 'stylish' && values.format !== 'json') throw new UsageError(`--list-rules prints a table or --format json, not '${values.format}'`);
    return { stdout: formatRuleList(values.format), stderr: '', exitCode: 0 };
  }
  if (positionals.length === 0) throw new UsageError('no PATH given');
  if (!outputFormats.includes(values.format)) throw new UsageError(`--format must be ${outputFormats.slice(0, -1).join(', ')} or ${outputFormats.at(-1)}, not '${values.format}'`);
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
  if (values.fix || values['fix-dry-run']) {
    if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined');
    if (values.fix && positionals.includes('-')) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run');
    const fixed = runFix({ paths: positionals, dryRun: values['fix-dry-run'] === true, resolver, readStandardInput, stdinFilename: values['stdin-filename'] });
    if (values['fix-dry-run'] || fixed.exitCode === 2) return fixed;
    const after = runLint(argv.filter((a) => a !== '--fix'), readStandardInput);
    return { stdout: after.stdout, stderr: fixed.stderr + after.stderr, exitCode: after.exitCode };
  }
  // Folder mode skips what --ignore-pattern (relative to here) or the nearest settings file's ignorePatterns name.
  const cliIgnores = { base: process.cwd(), patterns: values['ignore-pattern'] ?? [] };
  const ignored = (path: string): boolean => {
    const file = resolver.settingsFile(path);
    return isIgnored(path, file?.ignorePatterns ? [cliIgnores, { base: dirname(file.path), patterns: file.ignorePatterns }] : [cliIgnores]);
  };
  const { files, problems } = discover(positionals.filter((p) => p !== '-'), ignored);
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
  // Each entry file linted once per run, whether named or reached from a fragment.
  const entryResults = new Map<string, ConfLintResult | undefined>();
  const lintEntry = (entry: string): ConfLintResult | undefined => {
    if (entryResults.has(entry)) return entryResults.get(entry);
    const read = nodeFileSystem.readText(entry);
    const result = read.ok ? lintConf({ path: entry, text: read.text, fs: nodeFileSystem, settings: resolver.forFile(entry) }) : undefined;
    entryResults.set(entry, result);
    return result;
  };
  for (const file of confFirst) {
    if (file.kind !== 'conf' || (covered.has(file.path) && !file.explicit)) continue;
    // A fragment named on the command line (pre-commit passes only the changed files) is
    // linted in the context of every entry file that includes it; its own findings are kept.
    if (file.explicit && !isEntryFile(file.path)) {
      const including = entryCandidatesFor(file.path, resolver.forFile(file.path), nodeFileSystem)
        .map(lintEntry)
        .filter((r): r is ConfLintResult => r !== undefined && r.config.loaded.files.some((f) => f.path === file.path));
      if (including.length > 0) {
        for (const r of including) for (const d of r.diagnostics) if (d.file === file.path) note(d.file).set(diagnosticKey(d), d);
        continue;
      }
    }
    const read = nodeFileSystem.readText(file.path);
    if (!read.ok) {
      stderr.push(`ipsec-lint: ${file.path}: ${read.message}`);
      ioTrouble = true;
      continue;
    }
    const result = lintConf({ path: file.path, text: read.text, fs: nodeFileSystem, settings: resolver.forFile(file.path) });
    entryResults.set(file.path, result);
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
      // A secrets file another one includes is judged with the whole set its conf reads.
      const owner = secretsOwner(file.path, nodeFileSystem, settings);
      if (owner && owner.entry !== file.path) {
        const entryRead = nodeFileSystem.readText(owner.entry);
        if (entryRead.ok) {
          const whole = lintSecrets({ path: owner.entry, text: entryRead.text, fs: nodeFileSystem, settings: resolver.forFile(owner.entry) });
          for (const f of whole.secrets.files) if (f.path !== owner.entry) covered.add(f.path);
          for (const d of whole.diagnostics) if (d.file === file.path) note(d.file).set(diagnosticKey(d), d);
          continue;
        }
      }
      const result = lintSecrets({ path: file.path, text: read.text, fs: nodeFileSystem, settings });
      for (const f of result.secrets.files) covered.add(f.path);
      for (const d of result.diagnostics) note(d.file).set(diagnosticKey(d), d);
    } else {
      for (const d of lintPolicyGroup(file.path, read.text, nodeFileSystem, settings)) note(d.file).set(diagnosticKey(d), d);
    }
  }
  const stdinText = new Map<string, string>();
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
      stdinText.set(path, text);
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
  const exitCode = ioTrouble ? 2 : hasErrors || tooManyWarnings ? 1 : 0;
  const invocation = { arguments: [...argv], workingDirectory: process.cwd(), executionSuccessful: exitCode !== 2 };
  const stdout = formatReports(values.format, reports, (p) => stdinText.get(p) ?? readSource(p), invocation);
  return { stdout, stderr: stderr.map((l) => l + '\n').join(''), exitCode };
}

const outputFormats: readonly string[] = ['stylish', 'json', 'sarif', 'github', 'gcc'];

function formatReports(format: string, reports: readonly FileReport[], sourceOf: (path: string) => string | undefined, invocation: SarifInvocation): string {
  switch (format) {
    case 'json':
      return formatJson(reports, sourceOf) + '\n';
    case 'sarif':
      return formatSarif(reports, sourceOf, invocation) + '\n';
    case 'github':
      return formatGithub(reports);
    case 'gcc':
      return formatGcc(reports);
    default:
      return formatStylish(reports);
  }
}

function readSource(path: string): string | undefined {
  const read = nodeFileSystem.readText(path);
  return read.ok ? read.text : undefined;
}

function rank(path: string): number {
  const depth = path.split('/').length;
  // ipsec.secrets before other *.secrets: it is the entry that includes them.
  return (path.endsWith('/ipsec.conf') ? 0 : path.endsWith('/ipsec.secrets') ? 500 : 1000) + depth;
}
