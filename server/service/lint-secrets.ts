import { posix as path } from 'node:path';
import { parseConf } from '../../grammar/conf/parse';
import { parseSecrets, type SecretsFile } from '../../grammar/secrets/index';
import { versionBehaviour } from '../../schemas/behaviour';
import { keywordTable } from '../../schemas/keywords';
import { resolveConnections, type ResolvedConfig } from '../model/connections';
import type { ConfigFileSystem } from '../model/file-system';
import { loadConfig } from '../model/include-graph';
import { loadSecretsForConf, loadSecretsIndex, type LoadedSecrets, type SecretsIncludeProblem } from '../model/secrets-index';
import { runSecretsRules } from '../rules/registry';
import type { LintDiagnostic, SeveritySetting } from '../rules/rule';
import type { LintSettings } from '../settings/lint-settings';

export interface SecretsLintInput {
  readonly path: string;
  readonly text: string;
  readonly fs: ConfigFileSystem;
  readonly settings: LintSettings;
  readonly parsed?: (path: string) => SecretsFile | undefined;
  /** The conf to check against; found beside the file when not given, none when `null`. */
  readonly config?: ResolvedConfig | null;
}

export interface SecretsLintResult {
  readonly secrets: LoadedSecrets;
  readonly config: ResolvedConfig | undefined;
  readonly diagnostics: readonly LintDiagnostic[];
}

/** The confs that may own a secrets file: `<host>.conf` beside `<host>.secrets`, ipsec.conf beside it, or one folder up from ipsec.d/. */
function confCandidates(secretsPath: string): string[] {
  const dir = path.dirname(secretsPath);
  const base = path.basename(secretsPath);
  const candidates = [path.join(dir, 'ipsec.conf')];
  // The mirror of loadSecretsForConf: <host>.conf and <host>.secrets go together.
  if (base.endsWith('.secrets') && base !== 'ipsec.secrets') candidates.unshift(path.join(dir, base.slice(0, -'.secrets'.length) + '.conf'));
  if (path.basename(dir) === 'ipsec.d') candidates.push(path.join(path.dirname(dir), 'ipsec.conf'));
  return candidates;
}

export interface SecretsOwner {
  /** The conf whose secrets hold the file. */
  readonly conf: string;
  /** The secrets file that conf reads first (secretsfile=, or its default); the file itself or one that includes it. */
  readonly entry: string;
}

/**
 * The conf a secrets file belongs to, and the secrets entry that reads it: a candidate conf
 * counts only when the secrets it reads (its secretsfile=, else its default file) are this
 * file or include it. A stray `crlf.secrets` beside ipsec.conf is not ipsec.conf's, so it
 * is not judged against ipsec.conf's conns (no false secret-missing or ppk-missing).
 */
export function secretsOwner(secretsPath: string, fs: ConfigFileSystem, settings: Pick<LintSettings, 'root' | 'libreswanVersion'> = { libreswanVersion: 'latest' }): SecretsOwner | undefined {
  for (const conf of confCandidates(secretsPath)) {
    const read = fs.readText(conf);
    if (!read.ok) continue;
    const loaded = loadConfig(conf, parseConf(read.text), { fs, root: settings.root, cwd: path.dirname(conf) });
    const secretsfile = resolveConnections(loaded, keywordTable(settings.libreswanVersion), versionBehaviour[settings.libreswanVersion]).setup.get('secretsfile')?.value;
    const secrets = loadSecretsForConf(conf, secretsfile, { fs, root: settings.root });
    if (secrets?.files.some((f) => f.path === secretsPath)) return { conf, entry: secrets.entry.path };
  }
  return undefined;
}

/** The ipsec.conf a secrets file is checked against: only where that conf's secrets are this file (see secretsOwner). */
export function confBesideSecrets(secretsPath: string, fs: ConfigFileSystem, settings?: Pick<LintSettings, 'root' | 'libreswanVersion'>): string | undefined {
  const owner = secretsOwner(secretsPath, fs, settings);
  return owner && owner.entry === secretsPath ? owner.conf : undefined;
}

/** Loads and resolves a conf without running the conf rules (the secrets rules only need the model). */
export function resolveConfAt(confPath: string, fs: ConfigFileSystem, settings: LintSettings): ResolvedConfig | undefined {
  const read = fs.readText(confPath);
  if (!read.ok) return undefined;
  const version = settings.libreswanVersion;
  const loaded = loadConfig(confPath, parseConf(read.text), { fs, root: settings.root, cwd: path.dirname(confPath) });
  return resolveConnections(loaded, keywordTable(version), versionBehaviour[version]);
}

function includeMessage(p: SecretsIncludeProblem): string {
  switch (p.kind) {
    case 'missing':
      return `${p.target} does not exist; Libreswan skips this include`;
    case 'no-match':
      return `no file matches ${p.pattern} (fine when the folder is meant to be empty)`;
    case 'unreadable':
      return `${p.target}: ${p.message}`;
    case 'cycle':
      return `${p.target} includes itself (directly or through other files); Libreswan stops there`;
    case 'too-deep':
      return `${p.target} is nested too deeply; Libreswan stops following includes there`;
  }
}

function severityOf(settings: Readonly<Record<string, SeveritySetting>>, id: string, own: LintDiagnostic['severity']): LintDiagnostic['severity'] | undefined {
  const s = settings[id];
  return s === 'off' ? undefined : (s ?? own);
}

/**
 * Whether a secrets file's permission bits say anything: a setting decides when it is given;
 * else only files that are the target host's own (root `/`, or no root and a path in /etc).
 */
export function fileModesMatter(settings: LintSettings, secretsPath: string): boolean {
  if (settings.checkFileModes !== undefined) return settings.checkFileModes;
  if (settings.root !== undefined) return path.resolve(settings.root) === '/';
  return secretsPath.startsWith('/etc/');
}

/**
 * Lints an ipsec.secrets-style file: syntax errors of it and every file it includes, include
 * problems, and the secrets rules (with the conf beside it where there is one). Messages
 * never quote secret data: the parser's messages do not, and the rules only see lengths.
 */
export function lintSecrets(input: SecretsLintInput): SecretsLintResult {
  const { settings } = input;
  const entry = input.parsed?.(input.path) ?? parseSecrets(input.text);
  const secrets = loadSecretsIndex(input.path, entry, { fs: input.fs, root: settings.root, parsed: input.parsed });
  let config: ResolvedConfig | undefined;
  if (input.config !== undefined) config = input.config ?? undefined;
  else {
    const confPath = confBesideSecrets(input.path, input.fs, settings);
    config = confPath ? resolveConfAt(confPath, input.fs, settings) : undefined;
  }
  const diagnostics: LintDiagnostic[] = [];
  for (const file of secrets.files) {
    for (const e of file.secrets.errors) {
      const severity = severityOf(settings.rules, 'syntax-error', e.severity);
      if (severity) diagnostics.push({ file: file.path, range: e.range, message: e.message, ruleId: 'syntax-error', severity, rejectedByLibreswan: e.severity === 'error' });
    }
  }
  for (const edge of secrets.includes) {
    for (const p of edge.problems) {
      const own = p.kind === 'no-match' ? 'info' : 'warning';
      const severity = severityOf(settings.rules, 'include-problem', own);
      if (severity) diagnostics.push({ file: edge.from.path, range: edge.record.path.range, message: includeMessage(p), ruleId: 'include-problem', severity, rejectedByLibreswan: false });
    }
  }
  diagnostics.push(...runSecretsRules({ version: settings.libreswanVersion, fips: settings.fips, secrets, config, checkFileModes: fileModesMatter(settings, input.path) }, settings.rules));
  return { secrets, config, diagnostics };
}

/**
 * The secrets rules' findings that land in the conf: a PSK conn no record matches, ppk=
 * with no PPKS record, ppk-ids= naming no record. lintConf adds them, so that linting the
 * conf alone (the CLI on one file, the editor on ipsec.conf) shows them; the secrets file's
 * own findings stay with lintSecrets.
 */
export function secretsFindingsInConf(config: ResolvedConfig, secrets: LoadedSecrets, settings: LintSettings): LintDiagnostic[] {
  const confFiles = new Set(config.loaded.files.map((f) => f.path));
  return runSecretsRules({ version: settings.libreswanVersion, fips: settings.fips, secrets, config }, settings.rules).filter((d) => confFiles.has(d.file));
}
