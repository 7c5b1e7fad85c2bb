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
 *
 * Given the snapshot taken when the file was read, the write re-checks just before the
 * rename that the file is the same one (device and inode), with the same size, mtime and
 * bytes: an editor saving the file while we format it must not lose its edit. A file with
 * several hard links is refused, because the rename would give this name a new file and
 * leave the other names on the old content.
 */

/** The file system calls the write makes; tests pass failing ones to show the original survives. */
export interface AtomicWriteFileSystem {
  realpathSync(path: string): string;
  statSync(path: string): fs.Stats;
  readFileSync(path: string): Buffer;
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
  readFileSync: (path) => fs.readFileSync(path),
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fchownSync: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  fchmodSync: (fd, mode) => fs.fchmodSync(fd, mode),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
};

export type AtomicWriteResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string; readonly changed?: true };

/** What a file was when it was read: the write goes ahead only if it still is. */
export interface FileSnapshot {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly bytes: Buffer;
}

/**
 * Reads a file to rewrite it: opened once without blocking, checked to be a regular file on
 * the descriptor, and described (inode, size, mtime) from that same descriptor.
 */
export function readSnapshot(path: string): { readonly ok: true; readonly snapshot: FileSnapshot } | { readonly ok: false; readonly message: string } {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (error) {
    return { ok: false, message: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return { ok: false, message: 'not a regular file; left untouched' };
    const bytes = fs.readFileSync(fd);
    return { ok: true, snapshot: { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, bytes } };
  } catch (error) {
    return { ok: false, message: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    fs.closeSync(fd);
  }
}

/** Why the file on disk is no longer the one that was read, if it is not. */
function changedSince(stats: fs.Stats, snapshot: FileSnapshot, now: () => Buffer): string | undefined {
  if (stats.dev !== snapshot.dev || stats.ino !== snapshot.ino) return 'was replaced by another file';
  if (stats.size !== snapshot.size || stats.mtimeMs !== snapshot.mtimeMs) return 'was modified';
  // The same size within one mtime tick: only the bytes can tell.
  return now().equals(snapshot.bytes) ? undefined : 'was modified';
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.syscall ?? 'write'} failed` : String(e.message ?? error);
}

/**
 * Writes `text` over the existing file `path` (through a symbolic link to its target). With
 * `unchanged`, refuses (`changed: true`) if the file is no longer what that snapshot saw.
 */
export function writeFileAtomically(path: string, text: string, fsys: AtomicWriteFileSystem = nodeAtomicWriteFileSystem, unchanged?: FileSnapshot): AtomicWriteResult {
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
  if (stats.nlink > 1) {
    return { ok: false, message: `has ${stats.nlink} hard links, which a rewrite would split (this name would get the new text, the others keep the old); left untouched` };
  }
  const changedMessage = (why: string): AtomicWriteResult => ({ ok: false, changed: true, message: `${why} while ipsec-lint was formatting it; left untouched (run again)` });
  if (unchanged) {
    const why = changedSince(stats, unchanged, () => fsys.readFileSync(target));
    if (why) return changedMessage(why);
  }
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
    if (unchanged) {
      // Last look before the rename: the window left is the rename itself.
      const why = changedSince(fsys.statSync(target), unchanged, () => fsys.readFileSync(target));
      if (why) {
        fsys.unlinkSync(temporary);
        return changedMessage(why);
      }
    }
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
