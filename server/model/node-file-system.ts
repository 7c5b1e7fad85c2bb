import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { isInsideFolder, MAX_FILE_BYTES, type ConfigFileSystem, type ReadOptions, type ReadResult } from './file-system';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function refusal(code: string | undefined): ReadResult {
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: 'no such file' };
  if (code === 'ENXIO') return { ok: false, reason: 'not-regular', message: 'is a socket or device, not a regular file; not read' };
  if (code === 'ELOOP') return { ok: false, reason: 'unreadable', message: 'too many levels of symbolic links' };
  return { ok: false, reason: 'unreadable', message: `cannot read (${code ?? 'error'})` };
}

/** The real path of an open file: Linux names it in /proc, which no later rename or symlink swap can change. */
function realPathOf(fd: number, path: string): string {
  try {
    return realpathSync(`/proc/self/fd/${fd}`);
  } catch {
    return realpathSync(path);
  }
}

/**
 * Reads a file as UTF-8 text, refusing with a clear reason what is not a configuration: the
 * file is opened once, without blocking (a FIFO would otherwise hang the open), and checked
 * to be a regular file on the open descriptor, so nothing can swap it between the check and
 * the read; at most MAX_FILE_BYTES are read, whatever size it claims.
 */
export function readTextFile(path: string, options: ReadOptions = {}): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return refusal((error as NodeJS.ErrnoException).code);
  }
  let bytes: Buffer;
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: 'directory', message: 'is a directory, not a file' };
    if (!stats.isFile()) return { ok: false, reason: 'not-regular', message: 'is a FIFO, device or socket, not a regular file; not read' };
    if (options.within !== undefined) {
      let folder: string;
      try {
        folder = realpathSync(options.within);
      } catch {
        folder = options.within;
      }
      if (!isInsideFolder(realPathOf(fd, path), folder)) return { ok: false, reason: 'outside-root', message: `its real path (symbolic links followed) is outside the root ${options.within}; not read` };
    }
    if (stats.size > MAX_FILE_BYTES) return tooLarge(stats.size);
    // One byte more than the cap tells a file that grew since fstat from one that fits.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, MAX_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > MAX_FILE_BYTES) return tooLarge(length);
        break;
      }
    }
    bytes = buffer.subarray(0, length);
  } catch (error) {
    return refusal((error as NodeJS.ErrnoException).code);
  } finally {
    closeSync(fd);
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary', message: 'binary file (contains NUL bytes), not a configuration' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-utf8', message: 'not valid UTF-8 text' };
  }
}

function tooLarge(size: number): ReadResult {
  return { ok: false, reason: 'too-large', message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB (${size} bytes or more); not read` };
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
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
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
