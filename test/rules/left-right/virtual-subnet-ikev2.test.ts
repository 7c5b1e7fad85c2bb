import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { lintConf } from '../../../server/service/lint-conf';
import { expectedLines, fixtureVersion } from '../../support/fixture-expectations';

/*
 * Virtual subnets on IKEv2 conns are refused by every release, at different moments:
 * 4.x's starter on reading the file (every conn, and conn %default on its own), 5.x's
 * pluto when it adds a conn. bad.conf (4.10) runs in the shared fixture test; this file
 * checks the 5.x reading and what each finding says about Libreswan's verdict.
 */

const dir = resolve(__dirname, '../../fixtures/rules/left-right-virtual-subnet-ikev2');
const id = 'left-right-virtual-subnet-ikev2';

function findings(name: string) {
  const path = join(dir, name);
  const { diagnostics } = lintConf({
    path,
    text: readFileSync(path, 'utf8'),
    fs: nodeFileSystem,
    cwd: dirname(path),
    settings: { libreswanVersion: fixtureVersion(path), root: dir, fips: false, rules: {} },
  });
  return diagnostics.filter((d) => d.ruleId === id);
}

describe(id, () => {
  it('4.10: refuses conn %default and an IKEv2 conn without auto= alike (the starter reads them all)', () => {
    const found = findings('bad.conf');
    expect(found.map((d) => d.range.start.line)).toEqual(expectedLines(readFileSync(join(dir, 'bad.conf'), 'utf8')));
    expect(found.every((d) => d.rejectedByLibreswan && d.severity === 'error')).toBe(true);
    expect(found[0].message).toContain('conn %default');
    expect(found[1].message).toContain('ikev2=no');
  });

  it('5.x: ignores conn %default alone, and refuses every conn pluto would be asked to add', () => {
    const path = join(dir, 'bad-5.x.conf');
    expect(fixtureVersion(path)).toBe('5.2');
    const found = findings('bad-5.x.conf');
    expect(found.map((d) => d.range.start.line)).toEqual(expectedLines(readFileSync(path, 'utf8')));
    // rw-template has both ends and no also= user: `ipsec add rw-template` fails like rw-v2.
    expect(found.map((d) => d.rejectedByLibreswan)).toEqual([true, true]);
    expect(found[0].message).toContain('keyexchange=ikev1');
  });
});
