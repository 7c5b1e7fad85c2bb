import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecrets, printSecrets } from '../../grammar/secrets';

/*
 * Every ipsec.secrets-style file of the Libreswan test corpus: each prints back exactly
 * and none reports an error (Libreswan accepts them all; legacy RSA records are
 * "ignored" records, not errors).
 */

const corpusDir = '/work/shared/corpus';
const manifestPath = `${corpusDir}/MANIFEST.json`;
const available = existsSync(manifestPath);

if (!available) {
  console.warn(`secrets corpus test skipped: ${manifestPath} is absent (the Libreswan corpus is not on this machine)`);
}

interface ManifestEntry {
  readonly path: string;
  readonly kind: string;
}

function secretsFiles(): string[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestEntry[];
  return manifest
    .filter((e) => e.kind.startsWith('secrets'))
    .map((e) => e.path)
    .filter((p) => /\.secrets$/.test(p) || /^ipsec\.secrets/.test(basename(p)));
}

describe.skipIf(!available)('Libreswan corpus: ipsec.secrets files', () => {
  const files = available ? secretsFiles() : [];

  it('lists the corpus secrets files', () => {
    expect(files.length).toBeGreaterThan(700);
  });

  it('parses every file without errors and prints each back exactly', () => {
    const failures: string[] = [];
    let ignored = 0;
    for (const path of files) {
      const text = readFileSync(`${corpusDir}/${path}`, 'utf8');
      const file = parseSecrets(text);
      if (printSecrets(file) !== text) failures.push(`${path}: does not print back`);
      for (const e of file.errors) failures.push(`${path}:${e.range.start.line + 1}: ${e.code}: ${e.message}`);
      ignored += file.records.filter((r) => r.kind === 'ignored').length;
    }
    expect(failures).toEqual([]);
    // The corpus keeps a handful of legacy `: RSA` records; they must come out as ignored records.
    expect(ignored).toBeGreaterThan(0);
  });
});
