import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCommonLine } from '../../grammar/conf/fast-line-scanner';
import { readLineWithChevrotain } from '../../grammar/conf/chevrotain-line';
import { corpusDir, corpusPresent, manifest } from '../support/corpus';

/** Splits text into physical lines, each with its newline, as parseConf reads them. */
function physicalLines(text: string): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl + 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

describe('the fast line scanner', () => {
  it('reads the common shapes itself', () => {
    for (const line of ['\n', '', '\t\n', '# a comment\n', '\t# indented comment\n', 'conn c1\n', 'config setup # x\n', '\tleft=1.2.3.4\n', '\tkey = value # note\n', '\tleftsubnet=\n', '\tike=aes256-sha2;modp2048'])
      expect(scanCommonLine(line), JSON.stringify(line)).toBeDefined();
  });

  it('hands every other line to Chevrotain', () => {
    for (const line of ['\tleftid="C=CH, O=Org"\n', 'conn a=b\n', '\tX-note\n', '\tleftid=@a rightid=@b\n', '\tkey\n', '\t=x\n', 'left=1\n', '\uFEFFconn x\n', 'conn x\r\n', '\tright={x y}\n'])
      expect(scanCommonLine(line), JSON.stringify(line)).toBeUndefined();
  });

  it('gives the same reading as Chevrotain on random lines (property)', () => {
    // Built from the characters that decide the lexer's modes, so the edge cases come up often.
    const piece = fc.constantFrom(' ', '\t', '#', '=', 'a', 'conn', 'config', 'setup', 'left', 'X-', 'x_', '1.2.3.4', '%any', '-', '/', '"', '{', '}', '\r', '\f', 'é', ':', ',');
    const line = fc.tuple(fc.array(piece, { maxLength: 12 }), fc.boolean()).map(([parts, newline]) => parts.join('') + (newline ? '\n' : ''));
    fc.assert(
      fc.property(line, (text) => {
        const fast = scanCommonLine(text);
        if (fast) expect(fast).toEqual(readLineWithChevrotain(text));
      }),
      { numRuns: 5000, seed: 14 },
    );
  });
});

describe.skipIf(!corpusPresent)('the fast line scanner on the corpus', () => {
  it('gives the same reading as Chevrotain on every corpus line it reads, and reads most of them', () => {
    const confs = manifest().filter((m) => m.kind.startsWith('conf'));
    expect(confs.length).toBeGreaterThan(1500);
    const seen = new Set<string>();
    let fastLines = 0;
    const differing: string[] = [];
    for (const entry of confs) {
      for (const line of physicalLines(readFileSync(join(corpusDir, entry.path), 'utf8'))) {
        if (seen.has(line)) continue;
        seen.add(line);
        const fast = scanCommonLine(line);
        if (!fast) continue;
        fastLines++;
        if (JSON.stringify(fast) !== JSON.stringify(readLineWithChevrotain(line))) differing.push(`${entry.path}: ${JSON.stringify(line)}`);
      }
    }
    expect(differing).toEqual([]);
    // The scanner exists to read the common lines: if it gave up on most, it would gain nothing.
    expect(fastLines / seen.size).toBeGreaterThan(0.8);
  });
});
