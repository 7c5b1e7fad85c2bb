import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { loadPairEnd } from '../../server/pair/load-end';

const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-pair-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function host(name: string): string {
  const etc = join(dir, name);
  mkdirSync(join(etc, 'ipsec.d'), { recursive: true });
  writeFileSync(join(etc, 'ipsec.conf'), 'config setup\n\tlogfile=/tmp/pluto.log\ninclude /etc/ipsec.d/*.conf\ninclude /etc/passwd-like/*.conf\n');
  writeFileSync(join(etc, 'ipsec.d', 'tunnel.conf'), 'conn tunnel\n\tleft=192.0.2.1\n\tright=192.0.2.2\n');
  return etc;
}

describe("a host given as an /etc-like folder", () => {
  for (const name of ['etc', 'west-host']) {
    it(`reads /etc/... includes inside the folder when it is called '${name}', and nothing outside it`, () => {
      const etc = host(name === 'etc' ? 'a/etc' : name);
      const result = loadPairEnd(etc, true, nodeFileSystem, 'latest');
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.end.config.conns.map((c) => c.name)).toEqual(['tunnel']);
      const files = result.end.config.loaded.files.map((f) => f.path);
      expect(files).toEqual([join(etc, 'ipsec.conf'), join(etc, 'ipsec.d', 'tunnel.conf')]);
    });
  }
});
