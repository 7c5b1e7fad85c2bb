/**
 * The secrets model: an ipsec.secrets file and everything it includes, as typed records
 * in Libreswan's reading order, plus Libreswan's way of matching a record's selectors
 * against a conn's ids. Secret payloads stay inside the parsed files; this module hands
 * out records and ranges, never the secret text.
 */
import { posix as path } from 'node:path';
import { includePattern } from '../../grammar/secrets/include-path';
import { parseSecrets } from '../../grammar/secrets/index';
import type { IncludeRecord, PpksRecord, PskRecord, SecretsFile, SecretsIndex, XauthRecord } from '../../grammar/secrets/index';
import { parseAddress } from './address-syntax';
import { hasGlobMagic, type ConfigFileSystem, type ReadResult } from './file-system';
import { mapIncludePath } from './include-graph';
import { anyIdWords } from '../../schemas/conn-facts';

/** Libreswan's secrets loader refuses includes deeper than this. */
export const MAX_SECRETS_INCLUDE_DEPTH = 10;

export interface LoadedSecretsFile {
  readonly path: string;
  readonly secrets: SecretsFile;
  /** Permission bits, when the file system knows them. */
  readonly mode: number | undefined;
}

export type SecretRecord = PskRecord | XauthRecord | PpksRecord;

export interface PlacedSecret {
  readonly file: LoadedSecretsFile;
  readonly record: SecretRecord;
}

export type SecretsIncludeProblem =
  | { readonly kind: 'missing'; readonly target: string }
  | { readonly kind: 'no-match'; readonly pattern: string }
  | { readonly kind: 'unreadable'; readonly target: string; readonly message: string }
  | { readonly kind: 'cycle'; readonly target: string }
  | { readonly kind: 'too-deep'; readonly target: string };

export interface SecretsIncludeEdge {
  readonly from: LoadedSecretsFile;
  readonly record: IncludeRecord;
  readonly pattern: string;
  readonly targets: readonly string[];
  readonly problems: readonly SecretsIncludeProblem[];
}

export interface LoadedSecrets {
  readonly entry: LoadedSecretsFile;
  /** Every file read, the entry first. */
  readonly files: readonly LoadedSecretsFile[];
  /** PSK, XAUTH and PPKS records of every file, in Libreswan's reading order. */
  readonly records: readonly PlacedSecret[];
  readonly includes: readonly SecretsIncludeEdge[];
}

export interface SecretsLoadOptions {
  readonly fs: ConfigFileSystem;
  /** Folder standing for `/` of the target host. */
  readonly root?: string;
  /** Parsed files to reuse (open editor buffers). */
  readonly parsed?: (path: string) => SecretsFile | undefined;
}

/**
 * Reads an ipsec.secrets-style file and its includes. A relative include is taken from
 * the including file's folder (unlike ipsec.conf, where it is the working directory);
 * an include splices the included file's records in where it stands.
 */
export function loadSecretsIndex(entryPath: string, entrySecrets: SecretsFile, options: SecretsLoadOptions): LoadedSecrets {
  const entry: LoadedSecretsFile = { path: entryPath, secrets: entrySecrets, mode: options.fs.mode?.(entryPath) };
  const files = new Map<string, LoadedSecretsFile>([[entryPath, entry]]);
  const records: PlacedSecret[] = [];
  const includes: SecretsIncludeEdge[] = [];

  const load = (target: string): LoadedSecretsFile | Exclude<ReadResult, { ok: true }> => {
    const known = files.get(target);
    if (known) return known;
    const parsed = options.parsed?.(target);
    let secrets: SecretsFile;
    if (parsed) secrets = parsed;
    else {
      // With a root, no include may leave it (symbolic links resolved).
      const read = options.fs.readText(target, options.root !== undefined ? { within: options.root } : undefined);
      if (!read.ok) return read;
      secrets = parseSecrets(read.text);
    }
    const file = { path: target, secrets, mode: options.fs.mode?.(target) };
    files.set(target, file);
    return file;
  };

  const walk = (file: LoadedSecretsFile, stack: readonly string[]): void => {
    for (const record of file.secrets.records) {
      if (record.kind === 'psk' || record.kind === 'xauth' || record.kind === 'ppks') {
        records.push({ file, record });
        continue;
      }
      if (record.kind !== 'include') continue;
      const written = includePattern(file.path, record.path.value);
      const pattern = mapIncludePath(written, { root: options.root, cwd: path.dirname(file.path) });
      const problems: SecretsIncludeProblem[] = [];
      const magic = hasGlobMagic(pattern);
      const candidates = magic ? options.fs.glob(pattern) : [pattern];
      if (magic && candidates.length === 0) problems.push({ kind: 'no-match', pattern });
      const reached: string[] = [];
      for (const target of candidates) {
        if (stack.includes(target)) {
          problems.push({ kind: 'cycle', target });
          continue;
        }
        if (stack.length >= MAX_SECRETS_INCLUDE_DEPTH) {
          problems.push({ kind: 'too-deep', target });
          continue;
        }
        const loaded = load(target);
        if ('secrets' in loaded) {
          reached.push(target);
          walk(loaded, [...stack, target]);
        } else if (loaded.reason === 'missing') problems.push({ kind: 'missing', target });
        else problems.push({ kind: 'unreadable', target, message: loaded.message });
      }
      includes.push({ from: file, record, pattern, targets: reached, problems });
    }
  };
  walk(entry, [entryPath]);
  return { entry, files: [...files.values()], records, includes };
}

/*
 * Selector matching. Libreswan compares a record's selectors with the two ids of the
 * exchange (this end's and the peer's) as IKE ids: `%any`, `%any6`, `%none` and
 * `0.0.0.0` stand for any id; addresses compare as addresses; names and DNs compare
 * without regard to case and to blanks around separators.
 */

/** A conn end's id as matching sees it; `undefined` when only the running host knows it. */
export type IdKey = string | undefined;

const wildcardKinds: ReadonlySet<SecretsIndex['kind']> = new Set(['any', 'any6', 'none']);

/** Normal form of an id or selector for comparison; undefined when it stands for any id. */
export function idKey(text: string): IdKey {
  const v = text.trim();
  const lower = v.toLowerCase();
  if (anyIdWords.has(lower)) return undefined;
  const address = parseAddress(v);
  if (address) return 'ip:' + address.toNormalizedString();
  if (v.includes('=') && !v.startsWith('@')) return 'dn:' + lower.replace(/\s*([,=/])\s*/g, '$1');
  return 'id:' + lower;
}

export type SelectorMatch = 'both' | 'peer' | 'local' | 'default' | 'none';

/**
 * How well a record's selectors fit an exchange between `local` and `peer` (undefined
 * = not known statically, which fits anything). A record without selectors, or with only
 * wildcards, is the default; one selector naming either end fits; two or more must name
 * both ends (with a wildcard standing for the peer).
 */
export function matchSelectors(indices: readonly SecretsIndex[], local: IdKey, peer: IdKey): SelectorMatch {
  const keys = indices.filter((i) => !wildcardKinds.has(i.kind)).map((i) => idKey(i.value));
  const hasWildcard = indices.some((i) => wildcardKinds.has(i.kind));
  if (keys.length === 0) return 'default';
  const fitsLocal = local === undefined || keys.includes(local);
  const fitsPeer = peer === undefined || keys.includes(peer);
  if (keys.length === 1 && !hasWildcard) {
    if (fitsLocal && fitsPeer) return 'both';
    return fitsPeer ? 'peer' : fitsLocal ? 'local' : 'none';
  }
  if (fitsLocal && (fitsPeer || hasWildcard)) return 'both';
  return 'none';
}

/**
 * The record Libreswan would pick: the best match, the first one read on a tie. PSK, XAUTH
 * and PPK secrets are shared by both ends, so a selector naming only this end does not
 * count (Libreswan accepts that only for key pairs).
 */
export function findSecret<K extends SecretRecord['kind']>(
  loaded: LoadedSecrets,
  kind: K,
  local: IdKey,
  peer: IdKey,
): PlacedSecret | undefined {
  const rank: Record<SelectorMatch, number> = { both: 3, peer: 2, default: 1, local: -1, none: -1 };
  let best: { placed: PlacedSecret; score: number } | undefined;
  for (const placed of loaded.records) {
    if (placed.record.kind !== kind) continue;
    const score = rank[matchSelectors(placed.record.indices, local, peer)];
    if (score < 0) continue;
    if (!best || score > best.score) best = { placed, score };
  }
  return best?.placed;
}

/**
 * The secrets a config uses: `secretsfile=` of config setup when set (mapped below `root`),
 * else, for `<host>.conf`, `<host>.secrets` beside it (the layout of Libreswan's own tests,
 * which install it as the host's ipsec.secrets), else ipsec.secrets beside the config; with
 * its includes. Undefined when there is none.
 */
export function loadSecretsForConf(confPath: string, secretsfile: string | undefined, options: SecretsLoadOptions): LoadedSecrets | undefined {
  const dir = path.dirname(confPath);
  const base = path.basename(confPath);
  const candidates = secretsfile ? [mapIncludePath(secretsfile, { root: options.root, cwd: dir })] : [path.join(dir, 'ipsec.secrets')];
  if (!secretsfile && base.endsWith('.conf') && base !== 'ipsec.conf') candidates.unshift(path.join(dir, base.slice(0, -'.conf'.length) + '.secrets'));
  for (const entryPath of candidates) {
    const parsed = options.parsed?.(entryPath);
    if (parsed) return loadSecretsIndex(entryPath, parsed, options);
    const read = options.fs.readText(entryPath);
    if (read.ok) return loadSecretsIndex(entryPath, parseSecrets(read.text), options);
  }
  return undefined;
}
