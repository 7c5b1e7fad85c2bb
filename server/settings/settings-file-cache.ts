import { dirname, isAbsolute } from 'node:path';
import { findSettingsFile, readSettingsFile, type SettingsFile, type SettingsProblem } from './settings-file';

/**
 * The `.ipsec-lint.json` that applies to a file, each settings file read once. The CLI and
 * the language server share it; the server forgets the files when one of them changes.
 */
export class SettingsFileCache {
  private readonly files = new Map<string, { readonly file?: SettingsFile; readonly problems: readonly SettingsProblem[] }>();

  /** The settings file nearest above `forPath` (an absolute path), read and checked. */
  for(forPath: string): SettingsFile | undefined {
    if (!isAbsolute(forPath)) return undefined;
    const found = findSettingsFile(dirname(forPath));
    if (!found) return undefined;
    let entry = this.files.get(found);
    if (!entry) {
      const read = readSettingsFile(found);
      entry = { file: read.settings, problems: read.problems };
      this.files.set(found, entry);
    }
    return entry.file;
  }

  /** Problems of every settings file read so far, by file. */
  problems(): ReadonlyMap<string, readonly SettingsProblem[]> {
    const out = new Map<string, readonly SettingsProblem[]>();
    for (const [path, entry] of this.files) out.set(path, entry.problems);
    return out;
  }

  forget(): void {
    this.files.clear();
  }
}
