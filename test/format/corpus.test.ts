import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecrets } from '../../grammar/secrets';
import { defaultFormatOptions } from '../../server/format';
import { formatDocument, type DocumentKind, type FormatDocumentResult } from '../../server/service/format';
import { corpusDir, corpusPresent, manifest } from '../support/corpus';
import { resolvedModel } from './support/conf-meaning';
import { commentTexts, contentCharacters } from './support/content';

/*
 * Every corpus file: formatting twice gives what formatting once gave, keeps every comment,
 * keeps every character but white space and redundant quotes in order, and (for conf files)
 * leaves our own resolved model identical. Failures name files, never contents: corpus
 * secrets files hold keys.
 */

interface CorpusFile {
  readonly path: string;
  readonly kind: DocumentKind;
  readonly text: string;
}

function corpusFiles(kind: DocumentKind): CorpusFile[] {
  return manifest()
    .filter((m) => m.kind === kind)
    .map((m) => ({ path: m.path, kind, text: readFileSync(join(corpusDir, m.path), 'utf8') }));
}

/** Compared, never printed. */
function sameSecretTokens(before: string, after: string): boolean {
  const secrets = (text: string): string[] =>
    parseSecrets(text).records.flatMap((r) => (r.kind === 'psk' || r.kind === 'xauth' || r.kind === 'ppks' ? [r.data.token.text] : []));
  const [a, b] = [secrets(before), secrets(after)];
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

type Formatter = (text: string, kind: DocumentKind) => FormatDocumentResult;
const theFormatter: Formatter = (text, kind) => formatDocument(text, kind, defaultFormatOptions);

interface CheckResult {
  readonly refused: string[];
  readonly changed: number;
  readonly failures: string[];
}

function checkAll(files: readonly CorpusFile[], withModel: boolean, format: Formatter = theFormatter): CheckResult {
  const failures: string[] = [];
  const refused: string[] = [];
  let changed = 0;
  for (const file of files) {
    const once = format(file.text, file.kind);
    if (!once.ok) {
      refused.push(file.path);
      continue;
    }
    if (once.text !== file.text) changed++;
    const twice = format(once.text, file.kind);
    if (!twice.ok || twice.text !== once.text) failures.push(`${file.path}: not idempotent`);
    if (JSON.stringify(commentTexts(once.text, file.kind)) !== JSON.stringify(commentTexts(file.text, file.kind))) failures.push(`${file.path}: comments changed`);
    if (contentCharacters(once.text) !== contentCharacters(file.text)) failures.push(`${file.path}: content changed`);
    if (file.kind === 'secrets' && !sameSecretTokens(file.text, once.text)) failures.push(`${file.path}: a secret changed`);
    if (withModel && JSON.stringify(resolvedModel(file.path, once.text)) !== JSON.stringify(resolvedModel(file.path, file.text))) {
      failures.push(`${file.path}: resolved model changed`);
    }
  }
  return { refused, changed, failures };
}

describe.skipIf(!corpusPresent)('formatter on the corpus', () => {
  it('conf files: idempotent, comments and content kept, same resolved model', () => {
    const files = corpusFiles('conf');
    expect(files.length).toBeGreaterThan(1500);
    const { refused, changed, failures } = checkAll(files, true);
    expect(failures).toEqual([]);
    // Only the deliberately broken file is refused; every other file went through every check.
    expect(refused).toEqual(['testing/pluto/addconn-04-config-path/west.conf']);
    // Most test configs indent with spaces in places; the formatter must actually act on them.
    expect(changed).toBeGreaterThan(1000);
  });

  it('secrets files: idempotent, comments and content kept, secrets byte for byte', () => {
    const files = corpusFiles('secrets');
    expect(files.length).toBeGreaterThan(700);
    const { refused, changed, failures } = checkAll(files, false);
    expect(failures).toEqual([]);
    expect(changed).toBeGreaterThan(50);
    expect(refused).toEqual([]);
  });
});

describe('the comparisons above', () => {
  it('can fail: the resolved model sees a changed value, quotes do not matter to it', () => {
    const model = (text: string) => JSON.stringify(resolvedModel('/x/ipsec.conf', text));
    const base = 'conn %default\n\tike=aes256\n\nconn a\n\tleft=192.0.2.1\n\talso=b\n\nconn b\n\tright=192.0.2.2\n';
    expect(model(base.replace('192.0.2.2', '192.0.2.3'))).not.toBe(model(base));
    expect(model(base.replace('aes256', 'aes128'))).not.toBe(model(base));
    expect(model(base.replace('left=192.0.2.1', 'left="192.0.2.1"'))).toBe(model(base));
  });

  it('can fail: comments and content characters', () => {
    expect(commentTexts('conn a # x\n', 'conf')).not.toEqual(commentTexts('conn a # y\n', 'conf'));
    expect(contentCharacters('conn a\n\tleft=1\n')).not.toBe(contentCharacters('conn a\n\tleft=2\n'));
    expect(contentCharacters('conn a\n\tleft="1"\n')).toBe(contentCharacters('conn a\n    left=1\n'));
  });
});

/*
 * The corpus checks above, run against formatters broken on purpose: each must be caught on
 * every corpus file it breaks, by the check meant for it. Without this, a check that compared
 * the wrong things (or nothing) would pass forever.
 */
function broken(mutate: (formatted: string) => string): Formatter {
  return (text, kind) => {
    const result = theFormatter(text, kind);
    return result.ok ? { ok: true, text: mutate(result.text) } : result;
  };
}

/** Swaps the values of the first `left=` and `right=` lines: a change of meaning, not of layout. */
function swapLeftAndRight(text: string): string {
  const left = /^(\tleft=)(.*)$/m.exec(text);
  const right = /^(\tright=)(.*)$/m.exec(text);
  if (!left || !right || left[2] === right[2]) return text;
  const [first, second] = left.index < right.index ? [left, right] : [right, left];
  const at = (m: RegExpExecArray) => m.index + m[1].length;
  return text.slice(0, at(first)) + second[2] + text.slice(at(first) + first[2].length, at(second)) + first[2] + text.slice(at(second) + second[2].length);
}

/** Changes the last character of the first PSK (in memory only; nothing is printed). */
function alterFirstSecret(text: string): string {
  const psk = /^[^#\n]*PSK[ \t]+"([^"\n]+)"/m.exec(text);
  if (!psk) return text;
  const end = psk.index + psk[0].length - 1;
  return text.slice(0, end - 1) + (text[end - 1] === 'x' ? 'y' : 'x') + text.slice(end);
}

/** A formatter that fixes one space-indented line per run, so a second run changes more. */
const oneLineAtATime: Formatter = (text) => ({ ok: true, text: text.replace(/^ +(?=\S)/m, '\t') });

interface BrokenCase {
  readonly name: string;
  readonly kind: DocumentKind;
  readonly format: Formatter;
  /** The corpus files the breakage shows on. */
  readonly touches: (file: CorpusFile) => boolean;
  readonly caughtAs: string;
  readonly atLeast: number;
}

function mutation(name: string, kind: DocumentKind, mutate: (formatted: string) => string, caughtAs: string, atLeast: number): BrokenCase {
  const touches = (f: CorpusFile): boolean => {
    const once = theFormatter(f.text, f.kind);
    return once.ok && mutate(once.text) !== once.text;
  };
  return { name, kind, format: broken(mutate), touches, caughtAs, atLeast };
}

describe.skipIf(!corpusPresent)('the corpus checks catch a broken formatter', () => {
  const cases: BrokenCase[] = [
    mutation('values swapped', 'conf', swapLeftAndRight, 'resolved model changed', 1000),
    mutation('a comment dropped', 'conf', (t) => t.replace(/[ \t]*#[^\n]*/, ''), 'comments changed', 1000),
    // Invisible to the content comparison (it ignores blanks and quotes); the value no longer parses.
    mutation('quotes dropped around a value with blanks', 'conf', (t) => t.replace(/^(\t(?![xX][-_])[^#\n=]+)="([^"\n]* [^"\n]*)"/m, '$1=$2'), 'not idempotent', 20),
    mutation('a secret altered', 'secrets', alterFirstSecret, 'a secret changed', 100),
    { name: 'one line per run', kind: 'conf', format: oneLineAtATime, touches: (f) => (f.text.match(/^ +\S/gm) ?? []).length >= 2, caughtAs: 'not idempotent', atLeast: 300 },
  ];
  for (const c of cases) {
    it(`${c.name}: caught as "${c.caughtAs}" on every corpus file it touches`, () => {
      const touched = corpusFiles(c.kind).filter(c.touches);
      expect(touched.length).toBeGreaterThanOrEqual(c.atLeast);
      const { failures } = checkAll(touched, c.kind === 'conf', c.format);
      const caught = new Set(failures.filter((f) => f.endsWith(`: ${c.caughtAs}`)).map((f) => f.slice(0, -c.caughtAs.length - 2)));
      expect(touched.filter((f) => !caught.has(f.path)).map((f) => f.path)).toEqual([]);
    });
  }
});
