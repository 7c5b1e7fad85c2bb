import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseLibreswanVersion, type LibreswanVersion } from '../../schemas/keywords';
import type { SeveritySetting } from '../rules/rule';
import { knownRuleIds } from '../rules/catalogue';
import { closestMatches } from '../../grammar/edit-distance';
import { readFormatSection, type FormatOptionsFromFile } from '../format/format-options';
import { parseCryptoPolicyEra, type CryptoPolicyEra } from '../../schemas/crypto-policies/index';

export const SETTINGS_FILE_NAME = '.ipsec-lint.json';

/** What a `.ipsec-lint.json` may hold; every field optional, flags win over it. */
export interface SettingsFile {
  readonly path: string;
  readonly libreswanVersion?: LibreswanVersion;
  readonly root?: string;
  readonly fips?: boolean;
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  readonly cryptoPolicy?: string;
  readonly cryptoPolicyEra?: CryptoPolicyEra;
  /** Resolved against the settings file's folder. */
  readonly cryptoPolicyFile?: string;
  /** Judge secrets files' modes (see LintSettings.checkFileModes). */
  readonly checkFileModes?: boolean;
  /** Globs (gitignore style, relative to the settings file's folder) folder mode skips, as ESLint's ignorePatterns. */
  readonly ignorePatterns?: readonly string[];
  /** The formatter's options (`ipsec-lint fmt`, LSP formatting); checked by readFormatSection. */
  readonly format?: FormatOptionsFromFile;
  /** Sections later features read (format, crypto policy); kept as given. */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface SettingsProblem {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The nearest `.ipsec-lint.json` at or above `dir`. */
export function findSettingsFile(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, SETTINGS_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const severities = new Set(['off', 'warn', 'warning', 'error', 'info']);

/** Every key a settings file may hold (schemas/ipsec-lint.schema.json lists the same; a test keeps them equal). */
export const SETTINGS_KEYS = ['$schema', 'libreswanVersion', 'root', 'fips', 'rules', 'cryptoPolicy', 'cryptoPolicyEra', 'cryptoPolicyFile', 'checkFileModes', 'ignorePatterns', 'format'] as const;

/** Ids a rules entry may name beyond the registered rules: the pseudo-rule of a file that was not checked. */
const PSEUDO_RULE_IDS = ['not-checked'];

function didYouMean(word: string, candidates: Iterable<string>): string {
  const [best] = closestMatches(word, candidates, 1);
  return best ? `; did you mean '${best}'?` : '';
}

/** Reads and checks a settings file; problems come back as values with line and column. */
export function readSettingsFile(path: string): { settings?: SettingsFile; problems: SettingsProblem[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problems: [{ path, line: 1, column: 1, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const { line, column } = at ? lineColumnOf(text, Number(at[1])) : { line: 1, column: 1 };
    return { problems: [{ path, line, column, message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}` }] };
  }
  const problems: SettingsProblem[] = [];
  const where = (key: string): { line: number; column: number } => {
    const i = text.indexOf(`"${key}"`);
    return i >= 0 ? lineColumnOf(text, i) : { line: 1, column: 1 };
  };
  const problem = (key: string, message: string): void => {
    problems.push({ path, ...where(key), message });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { problems: [{ path, line: 1, column: 1, message: 'expected a JSON object' }] };
  }
  const record = data as Record<string, unknown>;
  const { libreswanVersion, root, fips, rules, cryptoPolicy, cryptoPolicyEra, cryptoPolicyFile, checkFileModes, ignorePatterns, ...extra } = record;
  for (const key of Object.keys(extra)) {
    if (!(SETTINGS_KEYS as readonly string[]).includes(key)) problem(key, `unknown setting '${key}'${didYouMean(key, SETTINGS_KEYS)}`);
  }
  const ignore = Array.isArray(ignorePatterns) && ignorePatterns.every((p) => typeof p === 'string') ? (ignorePatterns as string[]) : undefined;
  if (ignorePatterns !== undefined && !ignore) problem('ignorePatterns', 'ignorePatterns: expected an array of glob strings such as ["backup/**"]');
  let version: LibreswanVersion | undefined;
  if (libreswanVersion !== undefined) {
    version = typeof libreswanVersion === 'string' ? parseLibreswanVersion(libreswanVersion) : undefined;
    if (!version) problem('libreswanVersion', `libreswanVersion: unsupported version ${JSON.stringify(libreswanVersion)} (use 4.10 … 5.4 or latest)`);
  }
  if (root !== undefined && typeof root !== 'string') problem('root', 'root: expected a folder path string');
  if (fips !== undefined && typeof fips !== 'boolean') problem('fips', 'fips: expected true or false');
  if (cryptoPolicy !== undefined && (typeof cryptoPolicy !== 'string' || cryptoPolicy.trim() === '')) problem('cryptoPolicy', 'cryptoPolicy: expected a policy name such as "DEFAULT" or "FIPS:OSPP"');
  const era = typeof cryptoPolicyEra === 'string' ? parseCryptoPolicyEra(cryptoPolicyEra) : undefined;
  if (cryptoPolicyEra !== undefined && !era) problem('cryptoPolicyEra', 'cryptoPolicyEra: expected "rhel8", "rhel9" or "current"');
  if (cryptoPolicyFile !== undefined && typeof cryptoPolicyFile !== 'string') problem('cryptoPolicyFile', 'cryptoPolicyFile: expected a file path string');
  if (checkFileModes !== undefined && typeof checkFileModes !== 'boolean') problem('checkFileModes', 'checkFileModes: expected true or false');
  const ruleSettings: Record<string, SeveritySetting> = {};
  if (rules !== undefined) {
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) problem('rules', 'rules: expected an object of rule id to "off", "warn" or "error"');
    else {
      const known = new Set([...knownRuleIds(), ...PSEUDO_RULE_IDS]);
      for (const [id, value] of Object.entries(rules)) {
        if (!known.has(id)) problem(id, `rules: unknown rule '${id}'${didYouMean(id, known)}`);
        if (typeof value !== 'string' || !severities.has(value)) {
          problem(id, `rules.${id}: expected "off", "info", "warn" or "error"`);
          continue;
        }
        ruleSettings[id] = value === 'warn' ? 'warning' : (value as SeveritySetting);
      }
    }
  }
  const formatSection = record.format === undefined ? undefined : readFormatSection(record.format);
  for (const p of formatSection?.problems ?? []) problem(p.key, p.message);
  return {
    settings: {
      path,
      libreswanVersion: version,
      root: typeof root === 'string' ? resolve(dirname(path), root) : undefined,
      fips: typeof fips === 'boolean' ? fips : undefined,
      cryptoPolicy: typeof cryptoPolicy === 'string' && cryptoPolicy.trim() !== '' ? cryptoPolicy.trim() : undefined,
      cryptoPolicyEra: era,
      cryptoPolicyFile: typeof cryptoPolicyFile === 'string' ? resolve(dirname(path), cryptoPolicyFile) : undefined,
      checkFileModes: typeof checkFileModes === 'boolean' ? checkFileModes : undefined,
      ignorePatterns: ignore,
      rules: ruleSettings,
      format: formatSection?.options,
      extra,
    },
    problems,
  };
}
