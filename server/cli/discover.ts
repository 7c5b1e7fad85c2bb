import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kindOfFileName, type DocumentKind } from '../service/document-kind';

export type { DocumentKind };

/** Picks the grammar from the file name, exactly as the language server does. */
export const kindOfPath = kindOfFileName;

export interface Discovered {
  readonly path: string;
  readonly kind: DocumentKind;
  /** Named on the command line (linted whatever it looks like) or found in a folder. */
  readonly explicit: boolean;
}

const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn']);

function looksLikeIpsecConf(name: string): boolean {
  return name.endsWith('.conf') || name.startsWith('ipsec.conf');
}

/** Where a *.conf is Libreswan's by its place alone: ipsec.conf itself, ipsec.d/ and ipsec.conf.d/ fragments. */
const libreswanPlace = /(^|\/)(ipsec\.conf|ipsec\.d\/[^/]+\.conf|ipsec\.conf\.d\/[^/]+)$/;
/** A `conn NAME` or `config setup` line at the margin: nginx, systemd or rsyslog *.conf files have neither. */
const libreswanContent = /^(conn[ \t]+\S+|config[ \t]+setup)[ \t]*(#.*)?\r?$/m;
const SNIFF_BYTES = 64 * 1024;

/** A *.conf found in a folder is linted only when its name or its first 64 KiB say it is Libreswan's. */
function isLibreswanConf(path: string): boolean {
  if (libreswanPlace.test(path)) return true;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return libreswanContent.test(buffer.subarray(0, n).toString('utf8'));
  } catch {
    // Unreadable: let the linter say so rather than skip it silently.
    return true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface DiscoveryProblem {
  readonly path: string;
  readonly message: string;
}

/** Expands the command line's paths: files as given, folders walked for ipsec.conf/secrets-style files. */
export function discover(paths: readonly string[], ignored: (path: string) => boolean = () => false): { files: Discovered[]; problems: DiscoveryProblem[] } {
  const files: Discovered[] = [];
  const problems: DiscoveryProblem[] = [];
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean): void => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, kind: kindOfPath(path), explicit });
  };
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      problems.push({ path: dir, message: `cannot read folder (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (ignored(full)) continue;
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) walk(full);
      } else if (entry.isFile()) {
        const kind = kindOfPath(full);
        if (kind !== 'conf' || (looksLikeIpsecConf(entry.name) && isLibreswanConf(full))) add(full, false);
      }
    }
  };
  for (const p of paths) {
    const full = resolve(p);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      problems.push({ path: p, message: 'no such file or folder' });
      continue;
    }
    if (stat.isDirectory()) walk(full);
    else add(full, true);
  }
  return { files, problems };
}
