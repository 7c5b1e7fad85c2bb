import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicyGroup, printPolicyGroup } from '../../grammar/policy';

const root = fileURLToPath(new URL('../fixtures/policy/', import.meta.url));
const read = (path: string): string => readFileSync(root + path, 'utf8');
const policiesIn = (folder: string): string[] => readdirSync(root + folder).filter((f) => f.endsWith('.policy')).sort();

describe('policy group entries', () => {
  it('reads one address or CIDR per line with exact ranges', () => {
    const file = parsePolicyGroup('# c\n192.0.2.0/24\n  \n2001:db8::/32 # v6\n');
    expect(file.errors).toEqual([]);
    expect(file.entries.map((e) => [e.address.value, e.address.range])).toEqual([
      ['192.0.2.0/24', { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } }],
      ['2001:db8::/32', { start: { line: 3, character: 0 }, end: { line: 3, character: 13 } }],
    ]);
    expect(file.comments.map((c) => c.text)).toEqual(['# c', '# v6']);
  });

  it('reads the optional protocol and ports, also from an indented continuation line', () => {
    const file = parsePolicyGroup('10.0.1.0/24 tcp 0 22\n10.0.2.0/24\n  udp 0 53\n');
    expect(file.entries.map((e) => [e.address.value, e.protocol?.value, e.sourcePort?.value, e.destinationPort?.value])).toEqual([
      ['10.0.1.0/24', 'tcp', '0', '22'],
      ['10.0.2.0/24', 'udp', '0', '53'],
    ]);
  });

  it('does not validate addresses (the rules do, with ipaddr.js)', () => {
    const file = parsePolicyGroup('not-an-address\n300.1.2.3/99\n');
    expect(file.errors).toEqual([]);
    expect(file.entries.map((e) => e.address.value)).toEqual(['not-an-address', '300.1.2.3/99']);
  });

  it('strips quotes from a quoted address like the scanner does', () => {
    expect(parsePolicyGroup('"192.0.2.1"\n').entries[0].address.value).toBe('192.0.2.1');
  });

  it('keeps # inside an address as part of it', () => {
    expect(parsePolicyGroup('192.0.2.1#x\n').entries[0].address.value).toBe('192.0.2.1#x');
  });

  it('reports several problems in one file', () => {
    const file = parsePolicyGroup('\uFEFF192.0.2.0/24 tcp\n10.0.0.0/8 tcp 0 22 extra\n"198.51.100.1\n');
    expect(file.errors.map((e) => `${e.range.start.line}:${e.code}`)).toEqual(['0:bom', '0:missing-ports', '1:trailing-tokens', '2:unterminated-quote']);
    expect(file.entries).toHaveLength(3);
  });

  it('reports an indented first entry, which makes pluto skip the file', () => {
    const file = parsePolicyGroup('# header\n  192.0.2.0/24\n198.51.100.0/24\n');
    expect(file.errors.map((e) => [e.code, e.range.start.line])).toEqual([['leading-indentation', 1]]);
    expect(file.leading.map((t) => t.text)).toEqual(['192.0.2.0/24']);
  });
});

describe('policy fixtures', () => {
  it.each(policiesIn('valid'))('valid/%s parses without errors and prints back', (name) => {
    const text = read(`valid/${name}`);
    const file = parsePolicyGroup(text);
    expect(file.errors).toEqual([]);
    expect(printPolicyGroup(file)).toBe(text);
  });

  it.each(policiesIn('invalid'))('invalid/%s reports the expected errors', (name) => {
    const text = read(`invalid/${name}`);
    const expected = JSON.parse(read(`invalid/${name.replace(/\.policy$/, '.errors.json')}`)) as { code: string; line: number }[];
    const file = parsePolicyGroup(text);
    expect(file.errors.map((e) => ({ code: e.code, line: e.range.start.line }))).toEqual(expected);
    expect(printPolicyGroup(file)).toBe(text);
  });
});

describe('parsePolicyGroup on arbitrary input', () => {
  const piece = fc.oneof(
    fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '#', '"', ':', '0t', '/', '192.0.2.0/24', 'tcp', '22', '\uFEFF'),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );
  it('never throws and always prints back exactly', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }).map((p) => p.join('')), (text) => {
        const file = parsePolicyGroup(text);
        expect(printPolicyGroup(file)).toBe(text);
        let offset = 0;
        for (const token of file.tokens) {
          expect(token.offset).toBe(offset);
          offset += token.text.length;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
