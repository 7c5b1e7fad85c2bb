import { appendFileSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicWriteFileSystem, readSnapshot, writeFileAtomically, type AtomicWriteFileSystem } from '../../server/cli/atomic-write';
import { runFmt } from '../../server/cli/fmt-command';
import { runMeasuredCli } from './support/run-front';

/* Reproduction 6 of issue 15: fmt --write lost concurrent edits, split hard links and dropped a BOM. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-fmt-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const unformatted = 'conn west\n    left=192.0.2.1\n';
const formatted = 'conn west\n\tleft=192.0.2.1\n';

function snapshotOf(path: string) {
  const read = readSnapshot(path);
  if (!read.ok) throw new Error(read.message);
  return read.snapshot;
}

describe('the atomic writer refuses to overwrite a file that changed after it was read', () => {
  it('an edit made between the read and the rename (even of the same size, in the same mtime tick) is kept', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, unformatted);
    const snapshot = snapshotOf(path);
    for (const edit of [(): void => appendFileSync(path, '# an edit\n'), (): void => writeFileSync(path, unformatted.replace('west', 'east'))]) {
      writeFileSync(path, unformatted);
      const fresh = snapshotOf(path);
      // The editor saves while the formatted text is being flushed.
      const fsys: AtomicWriteFileSystem = { ...nodeAtomicWriteFileSystem, fsyncSync: (fd) => (edit(), nodeAtomicWriteFileSystem.fsyncSync(fd)) };
      const edited = (() => {
        const result = writeFileAtomically(path, formatted, fsys, fresh);
        return { result, text: readFileSync(path, 'utf8') };
      })();
      expect(edited.result).toMatchObject({ ok: false, changed: true });
      expect(edited.text).not.toBe(formatted);
      expect(readdirSync(dir)).toEqual(['ipsec.conf']);
    }
    // A stale snapshot is refused before anything is written.
    expect(writeFileAtomically(path, formatted, undefined, snapshot)).toMatchObject({ ok: false, changed: true });
  });

  it('a file with several hard links is refused with a message, and both names keep the old text', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, unformatted);
    linkSync(path, join(dir, 'other-name.conf'));
    const result = writeFileAtomically(path, formatted, undefined, snapshotOf(path));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('2 hard links');
    expect(readFileSync(join(dir, 'other-name.conf'), 'utf8')).toBe(unformatted);
    expect(statSync(path).nlink).toBe(2);
  });
});

describe('ipsec-lint fmt --write', () => {
  it('keeps a UTF-8 byte order mark', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, '\uFEFF' + unformatted);
    expect(runFmt(['--write', path]).exitCode).toBe(0);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(formatted);
    // Nothing left to change: the mark is not a difference.
    expect(runFmt(['--check', path]).exitCode).toBe(0);
  });

  it('refuses a hard-linked file with exit 2 and a message', () => {
    const path = join(dir, 'ipsec.conf');
    writeFileSync(path, unformatted);
    linkSync(path, join(dir, 'b.conf'));
    const r = runMeasuredCli(['fmt', '--write', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('hard links');
    expect(readFileSync(path, 'utf8')).toBe(unformatted);
  });
});
