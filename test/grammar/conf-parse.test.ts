import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConf, printConf } from '../../grammar/conf/parse';
import type { AssignmentLine, ConfLine } from '../../grammar/conf/syntax-tree';

const assignments = (lines: readonly ConfLine[]): AssignmentLine[] => lines.filter((l): l is AssignmentLine => l.kind === 'assignment');

describe('parseConf', () => {
  it('reads sections, keys, quoted and braced values', () => {
    const file = parseConf('version 2\nconfig setup\n\tlogfile=/tmp/x\nconn "a b"\n\tleftid="C=CH, O=Org"\n\tright={x y}\ninclude /etc/ipsec.d/*.conf\n');
    expect(file.errors).toEqual([]);
    expect(file.sections.map((s) => s.kind)).toEqual(['version', 'setup', 'conn', 'include']);
    const conn = file.sections[2];
    expect(conn.kind === 'conn' && conn.name).toBe('a b');
    const values = assignments(conn.body).map((a) => [a.key.text, a.value?.text, a.value?.quoting]);
    expect(values).toEqual([
      ['leftid', 'C=CH, O=Org', 'double'],
      ['right', 'x y', 'brace'],
    ]);
  });

  it('starts a comment only at line start or after white space, as Libreswan does', () => {
    const file = parseConf('conn x\n\tleft=1.2.3.4#c # real comment\n\tleftid=@a#b\n');
    const [left, id] = assignments(file.lines);
    expect(left.value?.text).toBe('1.2.3.4#c');
    expect(left.comment?.text).toBe('# real comment');
    expect(id.value?.text).toBe('@a#b');
  });

  it('accepts = in a conn name, as the corpus does (conn ikev1-dpdtimeout=10s)', () => {
    const file = parseConf('conn ikev1-dpdtimeout=10s\n\tleft=1.2.3.4\n');
    expect(file.errors).toEqual([]);
    expect(file.sections[0].kind === 'conn' && file.sections[0].name).toBe('ikev1-dpdtimeout=10s');
  });

  it('keeps an empty value as absent and X- keys without =', () => {
    const file = parseConf('conn x\n\tleftsubnet=\n\tX-note\n\tx_other= free text here\n');
    expect(file.errors).toEqual([]);
    const [empty, bare, withText] = assignments(file.lines);
    expect(empty.value).toBeUndefined();
    expect(bare.isCommentKey && bare.equals === undefined).toBe(true);
    expect(withText.value?.text).toBe('free text here');
  });

  it('reports every bad line with its range and keeps going', () => {
    const text = 'conn x\nleft=1.2.3.4\n\tleftid=@a rightid=@b\n   conn y\n\tright=5.6.7.8\nbogus line\n\t"unterminated\n';
    const file = parseConf(text);
    expect(file.errors.map((e) => e.range.start.line)).toEqual([1, 2, 3, 5, 6]);
    expect(file.errors[1].range.start.character).toBe(11);
    expect(printConf(file)).toBe(text);
    expect(assignments(file.lines).map((a) => a.key.text)).toEqual(['right']);
  });

  it('keeps CRLF, a BOM and a missing final newline byte for byte', () => {
    const text = '\uFEFFconn x\r\n\tleft=1.2.3.4\r\n\tright=5.6.7.8';
    const file = parseConf(text);
    expect(file.hasBom).toBe(true);
    expect(file.eol).toBe('\r\n');
    expect(file.errors).toEqual([]);
    expect(assignments(file.lines).map((a) => a.value?.text)).toEqual(['1.2.3.4', '5.6.7.8']);
    expect(printConf(file)).toBe(text);
  });

  it('rejects version after a section and key=value outside sections', () => {
    const file = parseConf('\tleft=1\nconn x\n\tleft=2\nversion 2\n');
    expect(file.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('outside any section'),
      expect.stringContaining("'version' is only allowed before the first section"),
    ]);
  });

  it('never throws and always prints the input back (property)', () => {
    const alphabet = fc.constantFrom('conn ', 'config setup', 'include ', 'version ', '\t', ' ', '\n', '\r\n', '=', '"', '{', '}', '#', 'left', 'x', '1.2.3.4', '%any', '\r', '\uFEFF', 'é');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(printConf(parseConf(text))).toBe(text);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(printConf(parseConf(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
