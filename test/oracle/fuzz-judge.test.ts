import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, connNamedBy, lintVerdict, refusalReasons } from '../../tools/oracle-fuzz/judge';
import type { OracleVerdict } from '../../tools/oracle-fuzz/oracle';

// The fuzzer's 5.x verdicts give every conn of a file the whole file's addconn stderr; the
// judge must read only the lines about the conn it judges (recorded 5.2 lines below).

const dir = mkdtempSync(join(tmpdir(), 'fuzz-judge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reasons the fuzzer judge reads for one conn', () => {
  it('knows which conn an addconn line is about', () => {
    expect(connNamedBy("ipsec addconn: duplicate key 'left' in conn c1 while processing def base1")).toBe('c1');
    expect(connNamedBy("ipsec addconn: ERROR: cannot find conn 'missing-template' needed by conn 'c3'")).toBe('c3');
    expect(connNamedBy('conn c2 did not load properly')).toBe('c2');
    expect(connNamedBy('conn c2: did not load properly')).toBe('c2');
    // pluto's own line names its conn first, whatever its parenthesis quotes.
    expect(connNamedBy('"c4": failed to add connection: not held by pluto after addconn (ipsec addconn: duplicate key \'left\' in conn c1 while processing def c1)')).toBe('c4');
    expect(connNamedBy('ipsec addconn: warning: something else')).toBeUndefined();
  });

  it("drops the other conns' lines, and 5.2's 'duplicate key' line unless the conn did not load", () => {
    const stderr = [
      "ipsec addconn: duplicate key 'left' in conn c1 while processing def c1",
      "ipsec addconn: duplicate key 'keyexchange' in conn base2 while processing def base2",
      'conn c1 did not load properly',
    ];
    expect(refusalReasons(stderr, 'c1')).toEqual(["ipsec addconn: duplicate key 'left' in conn c1 while processing def c1"]);
    expect(refusalReasons(stderr, 'base2')).toEqual([]);
    expect(refusalReasons(stderr, 'c9')).toEqual([]);
    // A line naming no conn is why the conn that did not load failed, not this one's.
    const unnamed = ['ipsec addconn: connection authby= value is unknown', 'conn c2 did not load properly'];
    expect(refusalReasons(unnamed, 'base1')).toEqual([]);
    expect(refusalReasons(unnamed, 'c2')).toEqual(['ipsec addconn: connection authby= value is unknown']);
    // 5.4 marks a refusing repeat ERROR, 4.10 says "while loading": both stay reasons.
    expect(refusalReasons(["ipsec addconn: ERROR: duplicate key 'left' in conn c1 while processing def c1"], 'c1')).toHaveLength(1);
    expect(refusalReasons(["while loading 'base2': duplicate key 'left' in conn base2 while processing def base1"], 'base2')).toHaveLength(1);
  });

  it('reads a conn refused only for the noise of the others as a building block when it lacks an end', () => {
    const file = join(dir, 'f.conf');
    writeFileSync(file, 'conn base1\n\tleft=%defaultroute\n\nconn base2\n\talso=base1\n\tauthby=never\n\nconn c1\n\talso=base1\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tauto=add\n');
    const noise = ["ipsec addconn: duplicate key 'left' in conn c1 while processing def c1", 'conn c1 did not load properly'];
    const oracle: OracleVerdict = { loadExit: 0, loadMessages: [], conns: new Map([['base1', { held: false, messages: noise }], ['base2', { held: false, messages: noise }], ['c1', { held: false, messages: noise }]]) };
    const result = compare(oracle, lintVerdict(file, '5.2', false));
    expect(result.skipped.map((s) => `${s.conn}: ${s.why}`)).toEqual(['base1: template', 'base2: building block']);
    expect(result.outcomes.map((o) => [o.conn, o.pluto, o.lint])).toEqual([['c1', true, true]]);
  });
});
