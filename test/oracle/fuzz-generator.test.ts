import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConf } from '../../grammar/conf/parse';
import { generateFile } from '../../tools/oracle-fuzz/generate';
import { compare, lintVerdict } from '../../tools/oracle-fuzz/judge';
import { askSteadily, countedAsTheCorpusReadmeSays, loadVerdict, oracleLost, type OracleVerdict } from '../../tools/oracle-fuzz/oracle';
import { fileSeed } from '../../tools/oracle-fuzz/random';
import { groupDisagreements, normaliseReason } from '../../tools/oracle-fuzz/report';

const dir = mkdtempSync(join(tmpdir(), 'oracle-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the differential fuzzer, offline', () => {
  it('generates the same file for the same seed, and different files for different seeds', () => {
    expect(generateFile(fileSeed(5, 3), '5.4')).toBe(generateFile(fileSeed(5, 3), '5.4'));
    const texts = new Set(Array.from({ length: 50 }, (_, i) => generateFile(fileSeed(5, i), '5.4')));
    expect(texts.size).toBe(50);
  });

  it('writes files the grammar reads without an error line, with 1-4 conns and the options it is meant to stress', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const text = generateFile(fileSeed(11, i), i % 2 ? '5.2' : '5.4', i % 3 ? 'mixed' : 'crypto');
      const conf = parseConf(text);
      const lines = conf.sections.flatMap((s) => ('body' in s ? s.body : []));
      expect(lines.filter((l) => l.kind === 'error')).toEqual([]);
      const conns = conf.sections.filter((s) => s.kind === 'conn' && /^c\d$/.test(s.name));
      expect(conns.length).toBeGreaterThanOrEqual(1);
      expect(conns.length).toBeLessThanOrEqual(4);
      for (const l of lines) if (l.kind === 'assignment') keys.add(l.key.text.replace(/^(left|right)/, ''));
    }
    for (const k of ['addresspool', 'sourceip', 'subnets', 'aggressive', 'authby', 'auth', 'autheap', 'nic-offload', 'iptfs', 'vti-interface', 'ike', 'esp', 'phase2', 'tcp-remoteport', 'also', 'ikelifetime', 'rekeyfuzz']) {
      expect(keys).toContain(k);
    }
  });

  it('counts conns as the corpus README says: templates, building blocks and host-dependent refusals are left out', () => {
    const path = join(dir, 'counting.conf');
    writeFileSync(path, [
      'conn base', '\tike=aes-sha2', '',
      'conn c1', '\talso=base', '\tleft=192.0.2.1', '\tright=192.0.2.2', '\tauto=add', '',
      'conn c2', '\tleft=192.0.2.1', '',
      'conn c3', '\tleft=192.0.2.1', '\tright=192.0.2.2', '\tauto=add', '',
      'conn c4', '\tleft=192.0.2.1', '\tright=192.0.2.2', '\tleftcert=west', '\tauto=add', '',
    ].join('\n'));
    const oracle: OracleVerdict = {
      loadExit: 0,
      loadMessages: [],
      conns: new Map([
        ['base', { held: false, messages: ['"base": failed to add connection: left= is not set'] }],
        ['c1', { held: true, messages: [] }],
        ['c2', { held: false, messages: ['"c2": failed to add connection: right= is not set'] }],
        ['c3', { held: false, messages: ['"c3": failed to add connection: something only pluto knows'] }],
        ['c4', { held: false, messages: ['"c4": failed to add connection: certificate \'west\' not found in the NSS database'] }],
      ]),
    };
    const { outcomes, skipped } = compare(oracle, lintVerdict(path, '5.4', false));
    expect(skipped.map((s) => s.conn).sort()).toEqual(['base', 'c2', 'c4']);
    expect(outcomes.map((o) => [o.conn, o.pluto, o.lint])).toEqual([['c1', false, false], ['c3', true, false]]);
    const groups = groupDisagreements(outcomes.filter((o) => o.pluto !== o.lint).map((o) => ({ ...o, file: path })));
    expect(groups.map((g) => g.key)).toEqual(['pluto refuses, ipsec-lint accepts: something only pluto knows']);
  });

  it('leaves out what the oracle cannot tell: silent refusals of a DNS-named host, of a 5.2 conn the other release refuses for the host, and 4.10 conns of several subnets', () => {
    const path = join(dir, 'cannot-tell.conf');
    writeFileSync(path, [
      'conn named', '\tleft=192.0.2.1', '\tright=vpn.example.com', '\tauto=add', '',
      'conn alias', '\tleft=192.0.2.1', '\tright=192.0.2.2', '\trightsubnets={10.0.1.0/24 10.0.2.0/24}', '\tauto=add', '',
      'conn plain', '\tleft=192.0.2.1', '\tright=192.0.2.2', '\tauto=add', '',
    ].join('\n'));
    const silent = { held: false, messages: [] };
    const oracle: OracleVerdict = { loadExit: 0, loadMessages: [], conns: new Map([['named', silent], ['alias', silent], ['plain', silent]]) };
    const other: OracleVerdict = { loadExit: 0, loadMessages: [], conns: new Map([['alias', { held: false, messages: ['"alias": failed to add connection: right certificate \'east\' not found in the NSS database'] }]]) };
    const five = compare(oracle, lintVerdict(path, '5.2', false), other, '5.2');
    expect(five.skipped.map((s) => s.conn).sort()).toEqual(['alias', 'named']);
    expect(five.outcomes.map((o) => o.conn)).toEqual(['plain']);
    const held = { held: true, messages: [] };
    const four = compare({ ...oracle, conns: new Map([['alias', held], ['plain', held]]) }, lintVerdict(path, '4.10', false), undefined, '4.10');
    expect(four.skipped.map((s) => s.conn)).toEqual(['alias']);
  });

  it("reads a pluto the oracle lost as the oracle's failure, asks again, and never counts it as a refusal", async () => {
    const lostConn = { held: false, messages: ['ipsec addconn: ERROR: connect(pluto_ctl) failed: Connection refused (errno 111)'] };
    const stored = { loadExit: 0, loadMessages: [], conns: { c1: lostConn, c2: { held: true, messages: [] } } };
    expect(oracleLost(loadVerdict({ ...stored, conns: { c2: { held: true, messages: [] } } }))).toBeUndefined();
    expect(loadVerdict(stored).error).toMatch(/lost pluto while adding 'c1'/);
    const good: OracleVerdict = { loadExit: 0, loadMessages: [], conns: new Map([['c1', { held: true, messages: [] }]]) };
    const answers = [loadVerdict(stored), good];
    let asked = 0;
    const { verdict } = await askSteadily(async () => answers[Math.min(asked++, answers.length - 1)], () => false);
    expect(asked).toBe(2);
    expect(verdict.error).toBeUndefined();
    expect(verdict.conns.get('c1')?.held).toBe(true);
  });

  it('counts a conn whose expansion addconn reports failed as not added, although pluto holds it after loading the file itself', () => {
    const held = { held: true, messages: [] };
    const v: OracleVerdict = {
      loadExit: 0,
      loadMessages: [
        "ipsec addconn: ERROR: cannot find conn 'missing-template' needed by conn 'c1'",
        "ipsec addconn: ERROR: duplicate key 'left' in conn c3 while processing def base1",
        "ipsec addconn: duplicate key 'left' in conn c4 while processing def c4",
      ],
      conns: new Map([['c1', held], ['c2', held], ['c3', held], ['c4', held]]),
    };
    const counted = countedAsTheCorpusReadmeSays(v);
    expect([...counted.conns].filter(([, c]) => !c.held).map(([n]) => n)).toEqual(['c1', 'c3']);
    expect(counted.conns.get('c3')?.messages).toContain('conn c3: did not load properly');
    // A warning about a duplicate with the same value (no ERROR) loads the conn.
    expect(counted.conns.get('c4')?.held).toBe(true);
  });

  it('a file that does not load is one verdict, agreed when ipsec-lint rejects something in it', () => {
    const path = join(dir, 'unloadable.conf');
    writeFileSync(path, 'conn c1\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tnot-a-keyword=1\n\tauto=add\n');
    const { outcomes } = compare({ loadExit: 1, loadMessages: ['unrecognized keyword'], conns: new Map() }, lintVerdict(path, '5.4', false));
    expect(outcomes).toEqual([expect.objectContaining({ conn: '(file)', pluto: true, lint: true })]);
  });

  it("normalises pluto's reasons so that one check on different values is one group", () => {
    expect(normaliseReason('"c1": failed to add connection: rightsourceip=10.1.0.1 invalid, address 10.1.0.1 is not within rightsubnet=2001:db8:a::/48'))
      .toBe(normaliseReason('"c9": failed to add connection: rightsourceip=10.9.9.9 invalid, address 10.9.9.9 is not within rightsubnet=10.3.0.0/16'));
  });
});
