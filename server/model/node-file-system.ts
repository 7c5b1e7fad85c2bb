import { readdirSync, readFileSync, statSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import type { ConfigFileSystem, ReadResult } from './file-system';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a file as UTF-8 text, refusing binary and non-UTF-8 content with a clear reason. */
export function readTextFile(path: string): ReadResult {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) return { ok: false, reason: 'directory', message: 'is a directory, not a file' };
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: 'no such file' };
    return { ok: false, reason: 'unreadable', message: `cannot read (${code ?? 'error'})` };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary', message: 'binary file (contains NUL bytes), not a configuration' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-utf8', message: 'not valid UTF-8 text' };
  }
}

export const nodeFileSystem: ConfigFileSystem = {
  readText: readTextFile,
  glob(pattern) {
    // glob(3) sorts its matches; tinyglobby does not promise an order.
    return globSync(pattern, { absolute: true, onlyFiles: true, dot: false, expandDirectories: false }).sort();
  },
  list(folder) {
    try {
      return readdirSync(folder, { withFileTypes: true })
        .filter((e) => e.isDirectory() || e.isFile())
        .map((e) => ({ name: e.name, folder: e.isDirectory() }))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return [];
    }
  },
  mode(path) {
    try {
      return statSync(path).mode & 0o777;
    } catch {
      return undefined;
    }
  },
};
