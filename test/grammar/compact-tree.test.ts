import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConf, parseConfEagerly, rememberScannedLines } from '../../grammar/conf/parse';
import type { ConfFile, ConfLine, ConfToken, ValueNode } from '../../grammar/conf/syntax-tree';
import { defaultFormatOptions, formatConf } from '../../server/format';
import { corpusDir, corpusPresent, manifest } from '../support/corpus';

/*
 * The compact tree (lines that make their tokens and ranges when asked) must read exactly
 * as the eager one, which builds every token of every line at once. Each line is turned into
 * plain data through every property a reader may ask for; lines are read in two orders (the
 * line's own properties first, or its tokens first), since a compact line fills its caches
 * on the first question.
 */
function token(t: ConfToken | undefined): unknown {
  return t && { kind: t.kind, text: t.text, offset: t.offset, range: t.range };
}
function value(v: ValueNode | undefined): unknown {
  return v && { text: v.text, raw: v.raw, quoting: v.quoting, token: token(v.token), range: v.range };
}
function own(line: ConfLine): unknown {
  const common = { kind: line.kind, line: line.line, range: line.range, comment: token(line.comment) };
  switch (line.kind) {
    case 'assignment':
      return { ...common, indent: token(line.indent), key: token(line.key), equals: token(line.equals), value: value(line.value), isCommentKey: line.isCommentKey };
    case 'conn-header':
      return { ...common, keyword: token(line.keyword), name: value(line.name) };
    case 'setup-header':
      return { ...common, keyword: token(line.keyword) };
    case 'include':
      return { ...common, keyword: token(line.keyword), path: value(line.path) };
    case 'version':
      return { ...common, keyword: token(line.keyword), value: value(line.value) };
    case 'error':
      return { ...common, message: line.message, errorRange: line.errorRange };
    default:
      return common;
  }
}
function plain(line: ConfLine, tokensFirst: boolean): unknown {
  const tokens = (): unknown => line.tokens.map(token);
  if (tokensFirst) {
    const t = tokens();
    return { own: own(line), tokens: t };
  }
  const o = own(line);
  return { own: o, tokens: tokens() };
}
/** The compact line holds the very token objects it gives for its key and value. */
function sameObjects(line: ConfLine): boolean {
  if (line.kind === 'assignment') return line.tokens.includes(line.key) && (line.value === undefined || line.tokens.includes(line.value.token));
  if (line.kind === 'conn-header') return line.tokens.includes(line.name.token) && line.tokens.includes(line.keyword);
  return true;
}
function differences(text: string): string[] {
  const out: string[] = [];
  const eager: ConfFile = parseConfEagerly(text);
  for (const tokensFirst of [false, true]) {
    const compact = parseConf(text);
    expect(compact.sections.length).toBe(eager.sections.length);
    expect(compact.errors).toEqual(eager.errors);
    compact.lines.forEach((line, i) => {
      const want = JSON.stringify(plain(eager.lines[i], false));
      const got = JSON.stringify(plain(line, tokensFirst));
      if (got !== want || !sameObjects(line)) out.push(`line ${i} ${JSON.stringify(line.tokens.map((t) => t.text).join(''))}: ${got} vs ${want}`);
    });
  }
  return out;
}

describe('the compact tree', () => {
  it('reads as the eager tree on the common shapes and their neighbours', () => {
    const text = 'version 2\nconfig setup # x\n\tlogfile=/dev/null\nconn a\n\tleft=1.2.3.4 # c\n\t# note\n\n  \n\tX-note\n\tleftsubnet=\n\tright = %any\nconn b # two\r\n\tike="aes"\nconn\ninclude /x/*.conf\n\tleftid=@a b\n';
    expect(differences(text)).toEqual([]);
  });

  it('reads the same when the scanner\'s readings are not remembered (as in ipsec-lint)', () => {
    const text = 'conn a\n\tleft=1.2.3.4 # c\n\tleft=1.2.3.4 # c\n\tleft=1.2.3.4 # c\n\t# note\n\n\tike="aes"\n\tike="aes"\n';
    rememberScannedLines(false);
    try {
      expect(differences(text)).toEqual([]);
    } finally {
      rememberScannedLines(true);
    }
  });

  it('reads as the eager tree on random files (property)', () => {
    const piece = fc.constantFrom(' ', '\t', '#', '=', 'a', 'conn ', 'config setup', 'left', 'X-', '1.2.3.4', '%any', '"', '{', '}', '\r', '\n', '\n\t', 'é', '\uFEFF');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        expect(differences(parts.join(''))).toEqual([]);
      }),
      { numRuns: 1000, seed: 14 },
    );
  });
});

describe.skipIf(!corpusPresent)('the compact tree on the corpus', () => {
  it('reads every corpus conf file as the eager tree does', () => {
    const confs = manifest().filter((m) => m.kind.startsWith('conf'));
    const differing: string[] = [];
    for (const entry of confs) {
      for (const d of differences(readFileSync(join(corpusDir, entry.path), 'utf8')).slice(0, 2)) differing.push(`${entry.path}: ${d}`);
    }
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('formats every corpus conf file as the eager tree does (plain lines are printed without their tokens)', () => {
    const differing: string[] = [];
    for (const entry of manifest().filter((m) => m.kind.startsWith('conf'))) {
      const text = readFileSync(join(corpusDir, entry.path), 'utf8');
      if (JSON.stringify(formatConf(parseConf(text), defaultFormatOptions)) !== JSON.stringify(formatConf(parseConfEagerly(text), defaultFormatOptions))) differing.push(entry.path);
    }
    expect(differing).toEqual([]);
  });
});
