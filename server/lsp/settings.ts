import { isAbsolute, resolve } from 'node:path';
import { parseCryptoPolicyEra } from '../../schemas/crypto-policies/index';
import { parseLibreswanVersion } from '../../schemas/keywords';
import type { FormatOptionsFromFile } from '../format';
import type { SeveritySetting } from '../rules/rule';
import { defaultSettings, type LintSettings } from '../settings/lint-settings';
import type { SettingsFile, SettingsProblem } from '../settings/settings-file';
import { SettingsFileCache } from '../settings/settings-file-cache';
import { checkRuleDocsBaseUrl } from '../service/rule-docs';

/** The configuration section clients send (`ipsecLint.libreswanVersion`, …). */
export const SETTINGS_SECTION = 'ipsecLint';

/**
 * The settings the server reads from the client, under `ipsecLint.`. The VS Code manifest
 * contributes exactly these (a test compares the two).
 */
export const CLIENT_SETTING_KEYS = ['libreswanVersion', 'fips', 'cryptoPolicy', 'cryptoPolicyEra', 'cryptoPolicyFile', 'root', 'rules', 'docsBaseUrl'] as const;

export type ClientSettings = Partial<Omit<LintSettings, 'rules'>> & {
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /** Where diagnostics link the rule pages (an editor concern, so not in .ipsec-lint.json). */
  readonly docsBaseUrl?: string;
};

const severityWords: Readonly<Record<string, SeveritySetting>> = { off: 'off', info: 'info', warn: 'warning', warning: 'warning', error: 'error' };

/** Reads what a client sent, keeping the valid parts and saying what it dropped. */
export function readClientSettings(raw: unknown, workspaceFolder: string | undefined): { settings: ClientSettings; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) return { settings: {}, problems };
  const r = raw as Record<string, unknown>;
  const out: { -readonly [K in keyof ClientSettings]: ClientSettings[K] } = {};
  if (typeof r.libreswanVersion === 'string' && r.libreswanVersion !== '') {
    const v = parseLibreswanVersion(r.libreswanVersion);
    if (v) out.libreswanVersion = v;
    else problems.push(`ipsecLint.libreswanVersion: unsupported version '${r.libreswanVersion}' (use 4.10 … 5.4 or latest)`);
  }
  if (typeof r.fips === 'boolean') out.fips = r.fips;
  if (typeof r.cryptoPolicy === 'string' && r.cryptoPolicy.trim() !== '') out.cryptoPolicy = r.cryptoPolicy.trim();
  if (typeof r.cryptoPolicyEra === 'string' && r.cryptoPolicyEra !== '') {
    const era = parseCryptoPolicyEra(r.cryptoPolicyEra);
    if (era) out.cryptoPolicyEra = era;
    else problems.push(`ipsecLint.cryptoPolicyEra: expected rhel8, rhel9 or current, not '${r.cryptoPolicyEra}'`);
  }
  if (typeof r.root === 'string' && r.root !== '') {
    // A relative root is relative to the workspace, as the CLI's --root is to its working directory.
    out.root = isAbsolute(r.root) || !workspaceFolder ? r.root : resolve(workspaceFolder, r.root);
  }
  if (typeof r.cryptoPolicyFile === 'string' && r.cryptoPolicyFile !== '') {
    // Relative to the workspace, as root is.
    out.cryptoPolicyFile = isAbsolute(r.cryptoPolicyFile) || !workspaceFolder ? r.cryptoPolicyFile : resolve(workspaceFolder, r.cryptoPolicyFile);
  }
  if (typeof r.docsBaseUrl === 'string' && r.docsBaseUrl.trim() !== '') {
    const checked = checkRuleDocsBaseUrl(r.docsBaseUrl);
    if ('url' in checked) out.docsBaseUrl = checked.url;
    else problems.push(`ipsecLint.docsBaseUrl: ${checked.problem}`);
  }
  if (typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules)) {
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, value] of Object.entries(r.rules)) {
      const severity = typeof value === 'string' ? severityWords[value] : undefined;
      if (severity) rules[id] = severity;
      else problems.push(`ipsecLint.rules.${id}: expected off, info, warn or error`);
    }
    out.rules = rules;
  }
  return { settings: out, problems };
}

/**
 * Settings per file: defaults, then the editor's settings, then the nearest
 * `.ipsec-lint.json` — the project's file describes the target hosts, so it wins over a
 * person's editor defaults, as the CLI's flags (given per run) win over it.
 */
export class ServerSettings {
  private client: ClientSettings = {};
  private readonly files = new SettingsFileCache();

  setClientSettings(settings: ClientSettings): void {
    this.client = settings;
  }

  /** A `.ipsec-lint.json` changed on disk. */
  forgetSettingsFiles(): void {
    this.files.forget();
  }

  /** Problems of every settings file read so far, by file. */
  settingsFileProblems(): ReadonlyMap<string, readonly SettingsProblem[]> {
    return this.files.problems();
  }

  private settingsFile(forPath: string): SettingsFile | undefined {
    return this.files.for(forPath);
  }

  /** The `format` section of the settings file that applies to a file. */
  formatSettingsFor = (path: string): FormatOptionsFromFile | undefined => this.settingsFile(path)?.format;

  settingsFor = (path: string): LintSettings => {
    const file = this.settingsFile(path);
    const c = this.client;
    return {
      libreswanVersion: file?.libreswanVersion ?? c.libreswanVersion ?? defaultSettings.libreswanVersion,
      root: file?.root ?? c.root,
      fips: file?.fips ?? c.fips ?? defaultSettings.fips,
      rules: { ...defaultSettings.rules, ...c.rules, ...file?.rules },
      cryptoPolicy: file?.cryptoPolicy ?? c.cryptoPolicy,
      cryptoPolicyEra: file?.cryptoPolicyEra ?? c.cryptoPolicyEra,
      cryptoPolicyFile: file?.cryptoPolicyFile ?? c.cryptoPolicyFile,
      checkFileModes: file?.checkFileModes,
    };
  };
}
