import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FuzzVersion } from '../../tools/oracle-fuzz/generate';
import { compare, lintVerdict } from '../../tools/oracle-fuzz/judge';
import { askOracle, oracleMissing } from '../../tools/oracle-fuzz/oracle';
import { repeatedKeyConns } from '../support/also-combination-cases';

// How conns are combined (also=, conn %default, repeated keys), asked of the live releases
// with the fuzzer's oracle and judge: ipsec-lint must say, conn by conn, what pluto does.
// test/model/also-combination.test.ts pins the same shapes without pluto.

const tmpl = 'conn tmpl\n\tike=aes256-sha2_256-modp2048\n\tpfs=yes\n\tikelifetime=1h\n\tleft=192.0.2.1\n\tleftsubnet=10.1.0.0/16\n\n';
let host = 0;
const conn = (name: string, extra: string, auto = 'ignore'): string => `conn ${name}\n\talso=tmpl\n\tright=198.51.100.${++host}\n\tauthby=secret\n${extra}\tauto=${auto}\n\n`;

const CASES: Readonly<Record<string, string>> = {
  repeats:
    tmpl + repeatedKeyConns(conn),
  auto:
    tmpl +
    conn('clash-add', '\tpfs=no\n', 'add') +
    conn('clash-start', '\tpfs=no\n', 'start') +
    conn('clash-ignore', '\tpfs=no\n') +
    'conn missing-add\n\talso=nope\n\tleft=192.0.2.1\n\tright=198.51.100.50\n\tauthby=secret\n\tauto=add\n\n' +
    'conn missing-none\n\talso=nope\n\tleft=192.0.2.1\n\tright=198.51.100.51\n\tauthby=secret\n\n',
  inherited:
    'conn base1\n\tauthby=rsasig\n\tleft=192.0.2.1\n\n' +
    'conn base2\n\talso=base1\n\tauthby=secret\n\n' +
    'conn via-ignore\n\talso=base2\n\tright=198.51.100.60\n\tauto=ignore\n\n' +
    'conn via-add\n\talso=base2\n\tright=198.51.100.61\n\tauto=add\n\n' +
    'conn twice\n\talso=base1\n\talso=base1\n\tright=198.51.100.62\n\tauto=ignore\n\n' +
    'conn %default\n\tikelifetime=2h\n\n' +
    'conn over-default\n\tikelifetime=3h\n\tleft=192.0.2.1\n\tright=198.51.100.63\n\tauthby=secret\n\tauto=ignore\n',
  // Two spellings of one key in one section reach addconn, which judges them as through also=.
  aliases:
    'conn esp-same\n\tleft=192.0.2.1\n\tright=198.51.100.80\n\tauthby=secret\n\tesp=aes-sha1\n\tphase2alg=aes-sha1\n\tauto=ignore\n\n' +
    'conn life-same\n\tleft=192.0.2.1\n\tright=198.51.100.81\n\tauthby=secret\n\tkeylife=1h\n\tsalifetime=1h\n\tauto=ignore\n\n' +
    'conn life-60m\n\tleft=192.0.2.1\n\tright=198.51.100.82\n\tauthby=secret\n\tkeylife=1h\n\tsalifetime=60m\n\tauto=ignore\n',
  // 5.4 does not load this file; 5.2 drops the line; 4.10 refuses %default's also=.
  'default-also': 'conn base\n\tpfs=yes\n\nconn %default\n\talso=base\n\tikelifetime=2h\n\nconn c\n\tleft=192.0.2.1\n\tright=198.51.100.70\n\tauthby=secret\n\tauto=add\n',
};

const dir = mkdtempSync(join(tmpdir(), 'also-live-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('also= combination against the live releases', () => {
  for (const version of ['5.4', '5.2', '4.10'] as const satisfies readonly FuzzVersion[]) {
    const missing = oracleMissing(version);
    if (missing) console.warn(`[also-combination-live] skipping Libreswan ${version}: ${missing}`);
    it.skipIf(missing !== undefined)(`agrees with Libreswan ${version} on every conn of the combination cases`, async () => {
      const secrets = join(dir, `${version}.secrets`);
      writeFileSync(secrets, '');
      let held = 0;
      let refused = 0;
      const wrong: string[] = [];
      for (const [name, text] of Object.entries(CASES)) {
        const file = join(dir, `${version}-${name}.conf`);
        writeFileSync(file, `config setup\n\n${text}`);
        const oracle = await askOracle(file, version, { fips: false, secrets });
        expect(oracle.error).toBeUndefined();
        for (const o of compare(oracle, lintVerdict(file, version, false)).outcomes) {
          if (o.pluto) refused++;
          else held++;
          if (o.pluto !== o.lint) wrong.push(`${name}/${o.conn}: pluto ${o.pluto ? `refuses (${o.plutoReason})` : 'holds'}, ipsec-lint ${o.lint ? `refuses (${o.lintReason})` : 'holds'}`);
        }
      }
      expect(wrong).toEqual([]);
      // Both outcomes must be exercised, or the comparison proves nothing.
      expect(held).toBeGreaterThan(3);
      expect(refused).toBeGreaterThan(3);
    }, 300_000);
  }
});
