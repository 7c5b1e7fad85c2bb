import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecrets } from '../../grammar/secrets';
import { defaultFormatOptions } from '../../server/format';
import { formatDocument, type DocumentKind } from '../../server/service/format';
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

function checkAll(files: readonly CorpusFile[], withModel: boolean): { formatted: number; changed: number; failures: string[] } {
  const failures: string[] = [];
  let formatted = 0;
  let changed = 0;
  for (const file of files) {
    const once = formatDocument(file.text, file.kind, defaultFormatOptions);
    if (!once.ok) continue;
    formatted++;
    if (once.text !== file.text) changed++;
    const twice = formatDocument(once.text, file.kind, defaultFormatOptions);
    if (!twice.ok || twice.text !== once.text) failures.push(`${file.path}: not idempotent`);
    if (JSON.stringify(commentTexts(once.text, file.kind)) !== JSON.stringify(commentTexts(file.text, file.kind))) failures.push(`${file.path}: comments changed`);
    if (contentCharacters(once.text) !== contentCharacters(file.text)) failures.push(`${file.path}: content changed`);
    if (file.kind === 'secrets' && !sameSecretTokens(file.text, once.text)) failures.push(`${file.path}: a secret changed`);
    if (withModel && JSON.stringify(resolvedModel(file.path, once.text)) !== JSON.stringify(resolvedModel(file.path, file.text))) {
      failures.push(`${file.path}: resolved model changed`);
    }
  }
  return { formatted, changed, failures };
}

describe.skipIf(!corpusPresent)('formatter on the corpus', () => {
  it('conf files: idempotent, comments and content kept, same resolved model', () => {
    const files = corpusFiles('conf');
    expect(files.length).toBeGreaterThan(1500);
    const { formatted, changed, failures } = checkAll(files, true);
    expect(failures).toEqual([]);
    // Only the deliberately broken file (addconn-04-config-path/west.conf) is refused.
    expect(formatted).toBeGreaterThanOrEqual(files.length - 2);
    // Most test configs indent with spaces in places; the formatter must actually act on them.
    expect(changed).toBeGreaterThan(1000);
  });

  it('secrets files: idempotent, comments and content kept, secrets byte for byte', () => {
    const files = corpusFiles('secrets');
    expect(files.length).toBeGreaterThan(700);
    const { formatted, changed, failures } = checkAll(files, false);
    expect(failures).toEqual([]);
    expect(changed).toBeGreaterThan(0);
    expect(formatted).toBeGreaterThan(files.length * 0.9);
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
