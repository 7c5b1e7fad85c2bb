import { dirname } from 'node:path';
import { parseConf } from '../../grammar/conf/parse';
import type { ConfFile } from '../../grammar/conf/syntax-tree';
import { versionBehaviour } from '../../schemas/behaviour';
import { keywordTable } from '../../schemas/keywords';
import { addressSyntax } from '../../schemas/address-syntax';
import { resolveConnections, type ResolvedConfig } from '../model/connections';
import { activeCryptoPolicy } from '../model/crypto-policy';
import { loadSecretsForConf, type LoadedSecrets } from '../model/secrets-index';
import type { SecretsFile } from '../../grammar/secrets/index';
import { secretsFindingsInConf } from './lint-secrets';
import type { ConfigFileSystem } from '../model/file-system';
import { loadConfig } from '../model/include-graph';
import { runConfRules } from '../rules/registry';
import type { ConfRuleContext, LintDiagnostic } from '../rules/rule';
import { runConfRulesIncremental, type ConfRulesMemo, type IncrementalRulesRun } from '../rules/incremental';
import type { LintSettings } from '../settings/lint-settings';
import { applySuppressions } from './suppressions';
import { timed } from '../model/timing';

export interface ConfLintInput {
  readonly path: string;
  readonly text: string;
  readonly fs: ConfigFileSystem;
  readonly settings: LintSettings;
  /** Libreswan's working directory for relative includes; the file's folder by default. */
  readonly cwd?: string;
  readonly parsed?: (path: string) => ConfFile | undefined;
  /** Parsed secrets files to use instead of the disk (open editor buffers). */
  readonly parsedSecrets?: (path: string) => SecretsFile | undefined;
  /**
   * Set by the editor: run the rules incrementally, reusing the per-conn findings the
   * previous lint of this entry left (undefined the first time). See server/rules/incremental.ts.
   */
  readonly incremental?: { readonly previous: ConfRulesMemo | undefined };
}

export interface ConfLintResult {
  readonly config: ResolvedConfig;
  /** Findings in the entry file and in every file it includes, each with its own path. */
  readonly diagnostics: readonly LintDiagnostic[];
  /** The secrets the config uses (secretsfile=, or beside it) with their includes, when found. */
  readonly secrets: LoadedSecrets | undefined;
  /** What an incremental lint leaves for the next one, and how much it re-checked (only when `incremental` was asked for). */
  readonly rulesRun?: Omit<IncrementalRulesRun, 'diagnostics'>;
}

/** Builds the model of one entry file (with its includes) and runs every conf rule on it. */
export function lintConf(input: ConfLintInput): ConfLintResult {
  const { settings } = input;
  const version = settings.libreswanVersion;
  const table = keywordTable(version);
  const conf = input.parsed?.(input.path) ?? timed('parse', () => parseConf(input.text));
  const loaded = timed('includes', () => loadConfig(input.path, conf, { fs: input.fs, root: settings.root, cwd: input.cwd ?? dirname(input.path), parsed: input.parsed }));
  const behaviour = versionBehaviour[version];
  const config = timed('resolve', () => resolveConnections(loaded, table, behaviour));
  const cryptoPolicy = timed('crypto policy, secrets', () => activeCryptoPolicy(config, { policy: settings.cryptoPolicy, era: settings.cryptoPolicyEra, policyFile: settings.cryptoPolicyFile, root: settings.root, fs: input.fs }));
  const secrets = timed('crypto policy, secrets', () => loadSecretsForConf(input.path, config.setup.get('secretsfile')?.value, { fs: input.fs, root: settings.root, parsed: input.parsedSecrets }));
  const context: ConfRuleContext = { version, table, behaviour, syntax: addressSyntax[version], config, fips: settings.fips, cryptoPolicy, secrets };
  const incremental = input.incremental ? timed('rules', () => runConfRulesIncremental(context, settings.rules, input.incremental!.previous)) : undefined;
  const diagnostics = incremental?.diagnostics ?? timed('rules', () => runConfRules(context, settings.rules));
  // secret-missing and the PPK checks judge conns: they belong with the conf's own findings.
  if (secrets) timed('rules', () => diagnostics.push(...secretsFindingsInConf(config, secrets, settings)));
  const files = new Map(loaded.files.map((f) => [f.path, f.conf]));
  return { config, diagnostics: timed('suppressions', () => applySuppressions(diagnostics, files, settings.rules)), secrets, ...(incremental ? { rulesRun: { memo: incremental.memo, checkedConns: incremental.checkedConns, reusedConns: incremental.reusedConns } } : {}) };
}
