/**
 * A minimal PSK look-up for the FIPS checks: which `PSK` record of the conn's
 * ipsec.secrets (and the files it includes) a conn would use, and how many bytes its
 * secret has. Only the length leaves this module; the secret itself never does.
 *
 * Matching follows Libreswan's idea, simplified: a record whose selectors name both ends
 * beats one that names one end, which beats a record with no selector (or only %any).
 */
import { posix as path } from 'node:path';
import { includePattern } from '../../grammar/secrets/include-path';
import { parseSecrets, readSecretPayload } from '../../grammar/secrets/index';
import type { PskRecord, SecretData, SecretsFile } from '../../grammar/secrets/index';
import type { TextRange } from '../../grammar/text-range';
import type { ConfigFileSystem } from './file-system';
import { hasGlobMagic } from './file-system';
import { mapIncludePath } from './include-graph';

/** Libreswan's secrets loader stops this deep as well. */
const MAX_DEPTH = 10;

export interface PskEntry {
  readonly file: string;
  readonly range: TextRange;
  readonly selectors: readonly string[];
  /** Decoded length in bytes; undefined when the data does not decode. */
  readonly bytes: number | undefined;
}

export interface SecretsLookup {
  /** The secrets file read first (it may not exist). */
  readonly path: string;
  readonly found: boolean;
  readonly psks: readonly PskEntry[];
}

function decodedLength(file: SecretsFile, data: SecretData): number | undefined {
  const payload = readSecretPayload(file, data);
  switch (data.format) {
    case 'quoted':
    case 'text':
      return Buffer.byteLength(payload, 'utf8');
    case 'hex': {
      const digits = payload.replace(/_/g, '');
      return /^[0-9a-f]*$/i.test(digits) && digits.length % 2 === 0 ? digits.length / 2 : undefined;
    }
    case 'base64':
      return /^[A-Za-z0-9+/=]*$/.test(payload) ? Buffer.from(payload, 'base64').length : undefined;
    default:
      return undefined;
  }
}

/**
 * Reads the secrets file a config uses: `secretsfile=` of config setup when set, else
 * ipsec.secrets next to the config, following `include` records.
 */
export function loadSecrets(confPath: string, secretsfile: string | undefined, fs: ConfigFileSystem, root: string | undefined): SecretsLookup {
  const first = secretsfile ? mapIncludePath(secretsfile, { root, cwd: path.dirname(confPath) }) : path.join(path.dirname(confPath), 'ipsec.secrets');
  const psks: PskEntry[] = [];
  const visited = new Set<string>();
  let found = false;
  const read = (file: string, depth: number): void => {
    if (visited.has(file) || depth > MAX_DEPTH) return;
    visited.add(file);
    const text = fs.readText(file);
    if (!text.ok) return;
    if (depth === 0) found = true;
    const parsed = parseSecrets(text.text);
    for (const record of parsed.records) {
      if (record.kind === 'psk') psks.push(entryOf(file, parsed, record));
      if (record.kind === 'include') {
        const pattern = mapIncludePath(includePattern(file, record.path.value), { root, cwd: path.dirname(file) });
        const targets = hasGlobMagic(pattern) ? fs.glob(pattern) : [pattern];
        for (const target of targets) read(target, depth + 1);
      }
    }
  };
  read(first, 0);
  return { path: first, found, psks };
}

function entryOf(file: string, parsed: SecretsFile, record: PskRecord): PskEntry {
  return { file, range: record.range, selectors: record.indices.map((i) => i.value), bytes: decodedLength(parsed, record.data) };
}

const WILDCARDS = new Set(['%any', '%any6', '0.0.0.0', '::', '%none']);

/** The PSK a conn with these end identities would use, or undefined. */
export function pskFor(lookup: SecretsLookup, localIds: readonly string[], remoteIds: readonly string[]): PskEntry | undefined {
  const norm = (s: string): string => s.trim().toLowerCase();
  const local = new Set(localIds.map(norm));
  const remote = new Set(remoteIds.map(norm));
  let best: { entry: PskEntry; score: number } | undefined;
  for (const entry of lookup.psks) {
    const selectors = entry.selectors.map(norm).filter((s) => !WILDCARDS.has(s));
    let score: number;
    if (selectors.length === 0) score = 1;
    else {
      const l = selectors.some((s) => local.has(s));
      const r = selectors.some((s) => remote.has(s));
      if (!l && !r) continue;
      score = l && r ? 3 : 2;
    }
    // Libreswan keeps the first best match it reads.
    if (!best || score > best.score) best = { entry, score };
  }
  return best?.entry;
}
