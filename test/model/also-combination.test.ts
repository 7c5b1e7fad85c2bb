import { describe, expect, it } from 'vitest';
import type { LibreswanVersion } from '../../schemas/keywords';
import type { LintDiagnostic } from '../../server/rules/rule';
import { lintConf } from '../../server/service/lint-conf';
import { memoryFileSystem } from '../service/memory-file-system';
import { repeatedKeyConns } from '../support/also-combination-cases';

/*
 * How each release combines a conn from its own lines, `conn %default` and `also=` sections,
 * and when the result is refused. Every expectation here was checked against the live
 * releases (4.10 Debian, 5.2 and 5.4 pluto with --setup-from-conf; see
 * test/oracle/also-combination-live.test.ts, which asks them about the same shapes).
 */

const path = '/etc/ipsec.conf';

function lint(text: string, version: LibreswanVersion): readonly LintDiagnostic[] {
  return lintConf({ path, text, fs: memoryFileSystem({ [path]: text }), settings: { libreswanVersion: version, fips: false, rules: {} } }).diagnostics;
}

/** The conns ipsec-lint says Libreswan refuses (an error with rejectedByLibreswan naming the conn). */
function refused(text: string, version: LibreswanVersion): string[] {
  const names = lint(text, version)
    .filter((d) => d.rejectedByLibreswan && d.severity === 'error')
    .map((d) => (d as { conn?: string }).conn)
    .filter((c): c is string => c !== undefined);
  return [...new Set(names)].sort();
}

function alsoFindings(text: string, version: LibreswanVersion, conn: string): readonly LintDiagnostic[] {
  return lint(text, version).filter((d) => d.ruleId === 'also-reference' && (d as { conn?: string }).conn === conn);
}

const template = 'conn tmpl\n\tike=aes256-sha2_256-modp2048\n\tpfs=yes\n\tikelifetime=1h\n\tleft=192.0.2.1\n\tleftsubnet=10.1.0.0/16\n\n';
const conn = (name: string, extra: string, auto = 'ignore'): string => `conn ${name}\n\talso=tmpl\n\tright=198.51.100.7\n\tauthby=secret\n${extra}\tauto=${auto}\n\n`;

describe('a key repeated through also=, judged per release', () => {
  const text =
    template + repeatedKeyConns(conn);

  it('4.10 refuses any repeat of a text-typed key, even with the same value, but not the same host address', () => {
    expect(refused(text, '4.10')).toEqual(['ike-case', 'ike-same', 'pfs-no', 'subnet-same']);
  });

  it('5.2 refuses any repeat of a text-typed key, the host address too; numbers and durations compare by meaning', () => {
    expect(refused(text, '5.2')).toEqual(['ike-case', 'ike-same', 'left-same', 'pfs-no', 'subnet-same']);
  });

  it('5.4 compares every repeat as written: the same text is harmless, yes/true and 1h/60m clash', () => {
    expect(refused(text, '5.4')).toEqual(['ike-case', 'life-60m', 'pfs-no', 'pfs-true']);
  });

  it('says why a repeat of the same setting is refused, and warns only about a harmless one', () => {
    const [same52] = alsoFindings(text, '5.2', 'ike-same');
    expect(same52.severity).toBe('error');
    expect(same52.message).toContain('takes any repeat of this key as a clash, even with the same value');
    const [true54] = alsoFindings(text, '5.4', 'pfs-true');
    expect(true54.message).toContain("'yes' from conn 'tmpl' and 'true' from conn 'pfs-true'");
    expect(true54.message).toContain('compares the two as written');
    const [same54] = alsoFindings(text, '5.4', 'ike-same');
    expect([same54.severity, same54.rejectedByLibreswan]).toEqual(['warning', false]);
  });

  it('4.10 takes a repeated %word of left= as a clash (it is stored as a number)', () => {
    const words = 'conn tmpl\n\tleft=%defaultroute\n\tauthby=secret\n\n' + 'conn w\n\talso=tmpl\n\tleft=%defaultroute\n\tright=198.51.100.7\n\tauto=add\n';
    expect(refused(words, '4.10')).toEqual(['w']);
    expect(refused(words.replace(/%defaultroute/g, '192.0.2.1'), '4.10')).toEqual([]);
  });
});

describe('a conn that fails to combine, and auto=', () => {
  const text =
    'conn tmpl\n\tpfs=yes\n\tleft=192.0.2.1\n\n' +
    conn('clash-add', '\tpfs=no\n', 'add') +
    conn('clash-ignore', '\tpfs=no\n', 'ignore') +
    'conn missing-start\n\talso=nope\n\tleft=192.0.2.1\n\tright=198.51.100.7\n\tauthby=secret\n\tauto=start\n\n' +
    'conn missing-none\n\talso=nope\n\tleft=192.0.2.1\n\tright=198.51.100.8\n\tauthby=secret\n\n';

  it("is refused by 'ipsec add' whatever auto= says; for 5.4 the message adds that pluto's own startup load still sends it", () => {
    expect(refused(text, '5.4')).toEqual(['clash-add', 'clash-ignore', 'missing-none', 'missing-start']);
    const [loaded] = alsoFindings(text, '5.4', 'missing-start');
    expect([loaded.severity, loaded.rejectedByLibreswan]).toEqual(['error', true]);
    expect(loaded.message).toContain("refuses to load conn 'missing-start' (pluto's own startup load still sends it, auto=start");
    expect(alsoFindings(text, '5.2', 'missing-start')[0].message).not.toContain('startup');
  });

  it('5.2 and 4.10 refuse it whatever auto= says', () => {
    expect(refused(text, '5.2')).toEqual(['clash-add', 'clash-ignore', 'missing-none', 'missing-start']);
    expect(refused(text, '4.10')).toEqual(['clash-add', 'clash-ignore', 'missing-none', 'missing-start']);
  });

  it('keeps the value met first, and judges the conn with it', () => {
    // The conn's own leftauth= comes after also=, so the template's bad leftauth= is the one kept.
    const first = 'conn tmpl\n\tleftauth=rsa\n\trightauth=rsasig\n\n' + 'conn c\n\talso=tmpl\n\tleft=192.0.2.1\n\tright=198.51.100.7\n\tleftauth=rsasig\n\tauto=add\n';
    const ds = lint(first, '5.4').filter((d) => (d as { conn?: string }).conn === 'c');
    expect(ds.find((d) => d.ruleId === 'also-reference')?.message).toContain("two values of 'leftauth': 'rsa' from conn 'tmpl' and 'rsasig' from conn 'c'");
    expect(ds.find((d) => d.ruleId === 'invalid-value')?.message).toContain('inherits leftauth=rsa');
  });
});

describe('a clash inside a section pulled in with also=', () => {
  const text =
    'conn base1\n\tauthby=rsasig\n\n' +
    'conn base2\n\talso=base1\n\tauthby=ecdsa\n\n' +
    'conn c1\n\talso=base2\n\tleft=192.0.2.1\n\tright=198.51.100.7\n\n' +
    'conn c2\n\talso=base2\n\tleft=192.0.2.1\n\tright=198.51.100.8\n\tauto=add\n';

  it('refuses every conn that pulls it in (Libreswan expands the section again for each), reported at its also= line', () => {
    expect(refused(text, '5.2')).toEqual(['base2', 'c1', 'c2']);
    expect(refused(text, '5.4')).toEqual(['base2', 'c1', 'c2']);
    const [inherited] = alsoFindings(text, '5.2', 'c1');
    expect(inherited.range.start.line).toBe(8);
    expect(inherited.message).toContain("conn 'base2' sets 'authby' again ('rsasig' then 'ecdsa')");
    expect(inherited.related?.map((r) => r.range.start.line)).toEqual([1, 5]);
  });
});

describe('a bad value inherited through also= or %default', () => {
  const text =
    'conn %default\n\tikelifetime=abc\n\n' +
    'conn tmpl\n\tleftauth=rsa\n\trightauth=rsasig\n\n' +
    'conn c1\n\talso=tmpl\n\tleft=192.0.2.1\n\tright=198.51.100.7\n\tauto=add\n\n' +
    'conn c2\n\tleftauth=rsasig\n\talso=tmpl\n\tikelifetime=1h\n\tleft=192.0.2.1\n\tright=198.51.100.8\n\tauto=add\n';

  it("is reported for each conn that keeps it, at the conn's header with the line as related information", () => {
    const found = lint(text, '5.4').filter((d) => d.ruleId === 'invalid-value' && (d as { conn?: string }).conn !== undefined);
    const byConn = found.map((d) => `${(d as { conn?: string }).conn}:${d.range.start.line}:${d.related?.[0].range.start.line}`).sort();
    // c1 keeps both; c2 sets leftauth= before also= and ikelifetime= itself, so keeps neither;
    // tmpl is a building block (no auto=, pulled in by also=): no refusal of its own.
    expect(byConn).toEqual(['c1:7:1', 'c1:7:4']);
    expect(found.find((d) => (d as { conn?: string }).conn === 'c1' && d.message.includes('leftauth'))?.message).toMatch(/^conn 'c1' inherits leftauth=rsa: /);
  });
});

describe('also= in conn %default', () => {
  const text = 'conn base\n\tpfs=yes\n\nconn %default\n\talso=base\n\nconn c\n\tleft=192.0.2.1\n\tright=198.51.100.7\n\tauto=add\n';
  const finding = (version: LibreswanVersion) => lint(text, version).find((d) => d.ruleId === 'also-reference');

  it('stops the file in 5.4, is dropped with a warning in 5.2, and is refused in 4.10', () => {
    expect([finding('5.4')?.severity, finding('5.4')?.rejectedByLibreswan]).toEqual(['error', true]);
    expect(finding('5.4')?.message).toContain('refuses to load the file');
    expect([finding('5.2')?.severity, finding('5.2')?.rejectedByLibreswan]).toEqual(['warning', false]);
    expect([finding('4.10')?.severity, finding('4.10')?.rejectedByLibreswan]).toEqual(['error', true]);
  });
});

describe('two spellings of one key in one section', () => {
  const text =
    'conn esp-same\n\tleft=192.0.2.1\n\tright=198.51.100.80\n\tauthby=secret\n\tesp=aes-sha1\n\tphase2alg=aes-sha1\n\tauto=ignore\n\n' +
    'conn life-60m\n\tleft=192.0.2.1\n\tright=198.51.100.82\n\tauthby=secret\n\tkeylife=1h\n\tsalifetime=60m\n\tauto=ignore\n';
  const dup = (version: LibreswanVersion) => lint(text, version).filter((d) => d.ruleId === 'duplicate-key' && d.rejectedByLibreswan).map((d) => (d as { conn?: string }).conn);

  it('are judged as a repeat through also=: 5.2 refuses the same esp= text, 5.4 and not 4.10/5.2 refuse 1h then 60m', () => {
    expect(dup('5.2')).toEqual(['esp-same']);
    expect(dup('5.4')).toEqual(['life-60m']);
    expect(dup('4.10')).toEqual(['esp-same']);
  });
});
