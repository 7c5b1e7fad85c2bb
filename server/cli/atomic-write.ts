import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/*
 * Replaces a file's content so that a reader (or a crash) sees either the old file or the
 * new one, never a mix: the new text goes to a temporary file in the same folder (same file
 * system, so the rename is atomic), gets the old file's owner and mode, is flushed to disk
 * with them, and is renamed over the old name. Any failure removes the temporary file and
 * leaves the original untouched. The temporary file is created 0600, so a secrets file's
 * content is never readable by others, not even for a moment.
 */

/** The file system calls the write makes; tests pass failing ones to show the original survives. */
export interface AtomicWriteFileSystem {
  realpathSync(path: string): string;
  statSync(path: string): fs.Stats;
  openSync(path: string, flags: string, mode: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  fchownSync(fd: number, uid: number, gid: number): void;
  fchmodSync(fd: number, mode: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

export const nodeAtomicWriteFileSystem: AtomicWriteFileSystem = {
  realpathSync: (path) => fs.realpathSync(path),
  statSync: (path) => fs.statSync(path),
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fchownSync: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  fchmodSync: (fd, mode) => fs.fchmodSync(fd, mode),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
};

export type AtomicWriteResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.syscall ?? 'write'} failed` : String(e.message ?? error);
}

/** Writes `text` over the existing file `path` (through a symbolic link to its target). */
export function writeFileAtomically(path: string, text: string, fsys: AtomicWriteFileSystem = nodeAtomicWriteFileSystem): AtomicWriteResult {
  let target: string;
  let stats: fs.Stats;
  try {
    // Renaming over a symbolic link would replace the link with a plain file.
    target = fsys.realpathSync(path);
    stats = fsys.statSync(target);
  } catch (error) {
    return { ok: false, message: `cannot read the file's details (${describe(error)}); left untouched` };
  }
  if (!stats.isFile()) return { ok: false, message: 'not a regular file; left untouched' };
  const temporary = join(dirname(target), `.${basename(target)}.ipsec-lint-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fsys.openSync(temporary, 'wx', 0o600);
  } catch (error) {
    return { ok: false, message: `cannot create a temporary file in ${dirname(target)} (${describe(error)}); left untouched` };
  }
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += fsys.writeSync(fd, bytes, written, bytes.length - written);
    try {
      fsys.fchownSync(fd, stats.uid, stats.gid);
    } catch {
      // Only root may give a file away; a user's own file keeps its owner anyway.
    }
    // After chown, which may clear set-id bits.
    fsys.fchmodSync(fd, stats.mode & 0o7777);
    // Last, so the owner and mode reach the disk with the data before the rename can.
    fsys.fsyncSync(fd);
    fsys.closeSync(fd);
    fd = undefined;
    fsys.renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fsys.closeSync(fd);
      } catch {
        // Already failing; the unlink below is what matters.
      }
    }
    try {
      fsys.unlinkSync(temporary);
    } catch {
      // Nothing more can be done; the message names the failure that counts.
    }
    return { ok: false, message: `writing failed (${describe(error)}); the original file is unchanged` };
  }
  syncFolder(dirname(target));
  return { ok: true, path: target };
}

/** Makes the rename itself durable; best effort, as some file systems refuse to fsync a folder. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not fatal: the data is on disk, only the rename's durability is at stake.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
