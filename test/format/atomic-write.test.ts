import { chmodSync, chownSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicWriteFileSystem, writeFileAtomically, type AtomicWriteFileSystem } from '../../server/cli/atomic-write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-atomic-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const original = 'conn west\n    left=192.0.2.1\n';
const formatted = 'conn west\n\tleft=192.0.2.1\n';

function failing(overrides: Partial<AtomicWriteFileSystem>): AtomicWriteFileSystem {
  return { ...nodeAtomicWriteFileSystem, ...overrides };
}

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code, syscall });
}

describe('writeFileAtomically', () => {
  it('replaces the content and leaves no temporary file', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, original);
    expect(writeFileAtomically(path, formatted)).toEqual({ ok: true, path });
    expect(readFileSync(path, 'utf8')).toBe(formatted);
    expect(readdirSync(dir)).toEqual(['ipsec.conf']);
  });

  it('keeps an ipsec.secrets at 0600 and other modes as they were', () => {
    for (const [name, mode] of [['ipsec.secrets', 0o600], ['ipsec.conf', 0o644], ['west.conf', 0o640]] as const) {
      const path = join(dir, name);
      writeFileSync(path, original, { mode });
      chmodSync(path, mode);
      expect(writeFileAtomically(path, formatted).ok).toBe(true);
      expect(statSync(path).mode & 0o7777).toBe(mode);
    }
  });

  it('keeps the owner (where this process may set it)', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, original);
    // As root the file can belong to someone else, which a plain rewrite would lose.
    if (process.getuid?.() === 0) chownSync(path, 1234, 1234);
    const before = statSync(path);
    expect(writeFileAtomically(path, formatted).ok).toBe(true);
    const after = statSync(path);
    expect([after.uid, after.gid]).toEqual([before.uid, before.gid]);
  });

  it('writes through a symbolic link, which stays a link', () => {
    const target = join(dir, 'real.conf');
    const link = join(dir, 'ipsec.conf');
    writeFileSync(target, original);
    symlinkSync('real.conf', link);
    expect(writeFileAtomically(link, formatted)).toEqual({ ok: true, path: target });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.conf');
    expect(readFileSync(target, 'utf8')).toBe(formatted);
  });

  it('keeps the original when the disk fills up in the middle of writing', () => {
    const path = join(dir, 'ipsec.secrets');
    writeFileSync(path, original, { mode: 0o600 });
    let calls = 0;
    const fsys = failing({
      writeSync: (fd, buffer, offset, length) => {
        calls++;
        if (calls > 1) throw errno('ENOSPC', 'write');
        // Half of the text lands, then the disk is full.
        return nodeAtomicWriteFileSystem.writeSync(fd, buffer, offset, Math.ceil(length / 2));
      },
    });
    const result = writeFileAtomically(path, formatted, fsys);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('ENOSPC');
    expect(calls).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['ipsec.secrets']);
  });

  it('keeps the original when the folder is read-only (no temporary file can be made)', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, original);
    // Root ignores a folder's permission bits, so the refusal is simulated as the kernel gives it.
    const fsys = failing({
      openSync: () => {
        throw errno('EROFS', 'open');
      },
    });
    const result = writeFileAtomically(path, formatted, fsys);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('EROFS');
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(readdirSync(dir)).toEqual(['ipsec.conf']);
  });

  it('keeps the original in a folder this user may not write to (real permissions where they bind)', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, original);
    chmodSync(dir, 0o555);
    const result = writeFileAtomically(path, formatted);
    chmodSync(dir, 0o755);
    // Root writes anyway (permission bits do not bind it): then the write simply succeeds.
    const bound = process.getuid?.() !== 0;
    expect(result.ok).toBe(!bound);
    expect(readFileSync(path, 'utf8')).toBe(bound ? original : formatted);
    expect(readdirSync(dir)).toEqual(['ipsec.conf']);
  });

  it('keeps the original when the mode cannot be set, and removes the temporary file', () => {
    const path = join(dir, 'ipsec.secrets');
    writeFileSync(path, original, { mode: 0o600 });
    const fsys = failing({
      fchmodSync: () => {
        throw errno('EPERM', 'fchmod');
      },
    });
    expect(writeFileAtomically(path, formatted, fsys).ok).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['ipsec.secrets']);
  });

  it('flushes after setting owner and mode and before renaming, and keeps CRLF bytes as given', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, original.replace(/\n/g, '\r\n'));
    const calls: string[] = [];
    const node = nodeAtomicWriteFileSystem;
    const fsys = failing({
      fchownSync: (fd, uid, gid) => (calls.push('fchown'), node.fchownSync(fd, uid, gid)),
      fchmodSync: (fd, mode) => (calls.push('fchmod'), node.fchmodSync(fd, mode)),
      fsyncSync: (fd) => (calls.push('fsync'), node.fsyncSync(fd)),
      renameSync: (from, to) => (calls.push('rename'), node.renameSync(from, to)),
    });
    const crlf = formatted.replace(/\n/g, '\r\n');
    expect(writeFileAtomically(path, crlf, fsys).ok).toBe(true);
    expect(calls).toEqual(['fchown', 'fchmod', 'fsync', 'rename']);
    expect(readFileSync(path).equals(Buffer.from(crlf, 'utf8'))).toBe(true);
  });

  it('keeps the original when the final rename fails, and removes the temporary file', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, original);
    const fsys = failing({
      renameSync: () => {
        throw errno('EXDEV', 'rename');
      },
    });
    expect(writeFileAtomically(path, formatted, fsys).ok).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(readdirSync(dir)).toEqual(['ipsec.conf']);
  });

  it('keeps the original when flushing to disk fails', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, original);
    const fsys = failing({
      fsyncSync: () => {
        throw errno('EIO', 'fsync');
      },
    });
    expect(writeFileAtomically(path, formatted, fsys).ok).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(readdirSync(dir)).toEqual(['ipsec.conf']);
  });

  it('refuses a path that is not a regular file', () => {
    expect(writeFileAtomically(dir, formatted).ok).toBe(false);
    expect(writeFileAtomically(join(dir, 'missing.conf'), formatted).ok).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
