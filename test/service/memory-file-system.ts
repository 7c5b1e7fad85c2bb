import type { ConfigFileSystem } from '../../server/model/file-system';

/** Files in memory; `*` and `?` globs within one folder, enough for include patterns. */
export function memoryFileSystem(files: Record<string, string>): ConfigFileSystem & { files: Record<string, string> } {
  return {
    files,
    readText(path) {
      const text = files[path];
      return text === undefined ? { ok: false, reason: 'missing', message: 'no such file' } : { ok: true, text };
    },
    glob(pattern) {
      const source = pattern
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*\*\//g, '\u0000')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replace(/\u0000/g, '(?:.*/)?');
      const regexp = new RegExp(`^${source}$`);
      return Object.keys(files).filter((p) => regexp.test(p)).sort();
    },
  };
}
