import { posix as path } from 'node:path';
import type { ConfigFileSystem } from '../model/file-system';
import type { LintSettings } from '../settings/lint-settings';

/** The name Libreswan's tools read by default: a file of this name is an entry, not a fragment. */
export const ENTRY_FILE_NAME = 'ipsec.conf';

export function isEntryFile(filePath: string): boolean {
  return path.basename(filePath) === ENTRY_FILE_NAME;
}

/**
 * The entry files that may include a fragment such as /etc/ipsec.d/site.conf, nearest
 * first: `<root>/etc/ipsec.conf` when a root is set, then every ipsec.conf beside or above
 * the fragment. Only candidates that exist; whether one really includes the fragment is for
 * the caller to see in its include graph (Libreswan's own rule: a file counts only when an
 * `include` reaches it).
 */
export function entryCandidatesFor(fragment: string, settings: Pick<LintSettings, 'root'>, fs: ConfigFileSystem): string[] {
  const out: string[] = [];
  const add = (candidate: string): void => {
    if (candidate !== fragment && !out.includes(candidate) && fs.readText(candidate).ok) out.push(candidate);
  };
  if (settings.root !== undefined) add(path.join(settings.root, 'etc', ENTRY_FILE_NAME));
  for (let dir = path.dirname(fragment); ; dir = path.dirname(dir)) {
    add(path.join(dir, ENTRY_FILE_NAME));
    if (dir === path.dirname(dir)) break;
  }
  return out;
}
