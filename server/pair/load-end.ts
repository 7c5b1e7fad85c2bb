import { posix as path } from 'node:path';
import { parseConf } from '../../grammar/conf/parse';
import { versionBehaviour } from '../../schemas/behaviour';
import { keywordTable, type LibreswanVersion } from '../../schemas/keywords';
import { resolveConnections, type ResolvedConfig } from '../model/connections';
import type { ConfigFileSystem } from '../model/file-system';
import { loadConfig } from '../model/include-graph';
import { loadSecretsForConf, type LoadedSecrets } from '../model/secrets-index';

/** One host of the pair: its conf, and its secrets when they were found. */
export interface PairEnd {
  /** What the user named: a conf file or an /etc-like folder. */
  readonly given: string;
  readonly confPath: string;
  readonly config: ResolvedConfig;
  readonly secrets: LoadedSecrets | undefined;
}

export type LoadEndResult = { readonly ok: true; readonly end: PairEnd } | { readonly ok: false; readonly message: string };

/**
 * Reads a host's configuration. A folder is laid out like /etc (ipsec.conf, ipsec.d/,
 * ipsec.secrets); absolute includes then resolve below the folder's parent when the folder
 * is called `etc`, else below the folder itself. A file is its ipsec.conf. The secrets are
 * the ones the config names with `secretsfile=`, else `<host>.secrets` for `<host>.conf`, else
 * `ipsec.secrets` beside it.
 */
export function loadPairEnd(given: string, isFolder: boolean, fs: ConfigFileSystem, version: LibreswanVersion): LoadEndResult {
  const confPath = isFolder ? path.join(given, 'ipsec.conf') : given;
  const read = fs.readText(confPath);
  if (!read.ok) return { ok: false, message: `${confPath}: ${read.message}` };
  const dir = path.dirname(confPath);
  const root = isFolder ? (path.basename(given) === 'etc' ? path.dirname(given) : undefined) : undefined;
  const loaded = loadConfig(confPath, parseConf(read.text), { fs, root, cwd: dir });
  const config = resolveConnections(loaded, keywordTable(version), versionBehaviour[version]);
  const secrets = loadSecretsForConf(confPath, config.setup.get('secretsfile')?.value, { fs, root });
  return { ok: true, end: { given, confPath, config, secrets } };
}
