import { posix as path } from 'node:path';
import type { LibreswanVersion } from '../../schemas/keywords';
import type { ResolvedConfig } from '../model/connections';
import type { ConfigFileSystem } from '../model/file-system';
import type { LoadedSecrets } from '../model/secrets-index';
import type { LintDiagnostic } from '../rules/rule';
import { lintConf } from '../service/lint-conf';
import { defaultSettings, type LintSettings } from '../settings/lint-settings';

/** One host of the pair: its conf, and its secrets when they were found. */
export interface PairEnd {
  /** What the user named: a conf file or an /etc-like folder. */
  readonly given: string;
  readonly confPath: string;
  readonly config: ResolvedConfig;
  readonly secrets: LoadedSecrets | undefined;
  /** The host's own release, FIPS mode and crypto policy: the two ends often differ. */
  readonly settings: LintSettings;
  /** The linter's findings on the host's files, for its release: the add-time refusals among them. */
  readonly diagnostics: readonly LintDiagnostic[];
}

export type LoadEndResult = { readonly ok: true; readonly end: PairEnd } | { readonly ok: false; readonly message: string };

/**
 * Reads a host's configuration. A folder is laid out like /etc (ipsec.conf, ipsec.d/,
 * ipsec.secrets): absolute `/etc/...` paths in it resolve inside the folder, and other
 * absolute paths find nothing, so this machine's own files are never read in its place. A file is its ipsec.conf. The secrets are
 * the ones the config names with `secretsfile=`, else `<host>.secrets` for `<host>.conf`, else
 * `ipsec.secrets` beside it.
 */
export function loadPairEnd(given: string, isFolder: boolean, fs: ConfigFileSystem, settings: LintSettings | LibreswanVersion): LoadEndResult {
  const hostSettings: LintSettings = typeof settings === 'string' ? { ...defaultSettings, libreswanVersion: settings } : settings;
  const confPath = isFolder ? path.join(given, 'ipsec.conf') : given;
  const read = fs.readText(confPath);
  if (!read.ok) return { ok: false, message: `${confPath}: ${read.message}` };
  const dir = path.dirname(confPath);
  const host = isFolder ? hostView(given, fs) : { fs, root: hostSettings.root };
  const linted = lintConf({ path: confPath, text: read.text, fs: host.fs, settings: { ...hostSettings, root: host.root }, cwd: dir });
  return { ok: true, end: { given, confPath, config: linted.config, secrets: linted.secrets, settings: hostSettings, diagnostics: linted.diagnostics } };
}

/**
 * The file system as the host behind an /etc-like folder sees it. A folder called `etc`
 * stands in place, below its parent; any other name is mounted at a virtual root whose
 * `/etc` is the folder, and whose other paths do not exist.
 */
function hostView(etcDir: string, fs: ConfigFileSystem): { fs: ConfigFileSystem; root: string } {
  if (path.basename(etcDir) === 'etc') return { fs, root: path.dirname(etcDir) };
  const root = path.join(etcDir, '.host-root');
  const onDisk = (p: string): string | undefined => {
    if (p.startsWith(`${root}/etc/`)) return path.join(etcDir, p.slice(root.length + '/etc/'.length));
    return p === root || p.startsWith(`${root}/`) ? undefined : p;
  };
  return {
    root,
    fs: {
      readText: (p) => {
        const real = onDisk(p);
        return real === undefined ? { ok: false, reason: 'missing', message: 'no such file on that host' } : fs.readText(real);
      },
      glob: (pattern) => {
        const real = onDisk(pattern);
        return real === undefined ? [] : fs.glob(real);
      },
      mode: (p) => {
        const real = onDisk(p);
        return real === undefined ? undefined : fs.mode?.(real);
      },
    },
  };
}
