import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { PageFileSystem } from '../../playground/src/page-file-system';

// The page's files must resolve includes as the same files on a disk do.
const names = ['ipsec.conf', 'ipsec.d/a.conf', 'ipsec.d/b.conf', 'ipsec.d/B.conf', 'ipsec.d/.hidden.conf', 'ipsec.d/c.secrets', 'ipsec.d/sub/d.conf', 'ipsec.d/x1.conf', 'ipsec.d/x2.conf', 'ipsec.secrets'];
const disk = mkdtempSync(join(tmpdir(), 'ipsec-lint-page-fs-'));
afterAll(() => rmSync(disk, { recursive: true, force: true }));
const files = new Map<string, string>();
for (const name of names) {
  const path = join(disk, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `# ${name}\n`);
  files.set(path, `# ${name}\n`);
}
const page = new PageFileSystem(files);

describe('PageFileSystem', () => {
  it('globs as the disk does (glob(3) order, no leading dots, no crossing folders)', () => {
    for (const pattern of ['ipsec.d/*.conf', 'ipsec.d/*', 'ipsec.d/x?.conf', 'ipsec.d/[ab].conf', 'ipsec.d/[!a].conf', '*/*.conf', 'ipsec.d/*/*.conf', 'ipsec.conf', 'nothing/*.conf', 'ipsec.d/.*.conf']) {
      expect(page.glob(join(disk, pattern)), pattern).toEqual(nodeFileSystem.glob(join(disk, pattern)));
    }
  });

  it('reads what is open, says a folder is a folder, and a missing file is missing', () => {
    expect(page.readText(join(disk, 'ipsec.conf'))).toEqual(nodeFileSystem.readText(join(disk, 'ipsec.conf')));
    expect(page.readText(join(disk, 'ipsec.d'))).toMatchObject({ ok: false, reason: 'directory' });
    expect(page.readText(join(disk, 'none.conf'))).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('lists a folder for path completion, folders marked', () => {
    expect(page.list(join(disk, 'ipsec.d'))).toEqual(nodeFileSystem.list!(join(disk, 'ipsec.d')));
  });
});
