import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFormatOptions } from '../../server/format';
import { formatDocument } from '../../server/service/format';
import { corpusDir, corpusPresent, manifest } from '../support/corpus';
import { inBatches, readWithLibreswan, readwriteconfPresent } from './support/readwriteconf';

/*
 * Meaning judged by Libreswan itself: Debian's readwriteconf (4.10) prints the config it
 * loaded; it must print the same thing (same exit status, same messages but for line
 * numbers) before and after formatting. The full corpus (1,151 distinct files that the
 * formatter changes, about two minutes on two cores) runs with IPSEC_LINT_FULL_ORACLE=1;
 * by default a fixed sample: every 4th file whose quoting changes, every 16th of the rest.
 */

const full = process.env.IPSEC_LINT_FULL_ORACLE === '1';

interface Changed {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

function changedCorpusFiles(): Changed[] {
  const seen = new Set<string>();
  const changed: Changed[] = [];
  for (const entry of manifest().filter((m) => m.kind === 'conf')) {
    const before = readFileSync(join(corpusDir, entry.path), 'utf8');
    const result = formatDocument(before, 'conf', defaultFormatOptions);
    if (!result.ok || result.text === before) continue;
    // Same name and text read the same way: run each once.
    const key = `${entry.path.split('/').pop()}\0${before}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changed.push({ path: entry.path, before, after: result.text });
  }
  return changed;
}

function sample(files: readonly Changed[]): Changed[] {
  const quotesChanged = (f: Changed): boolean => f.before.split('"').length !== f.after.split('"').length;
  const withQuotes = files.filter(quotesChanged);
  const rest = files.filter((f) => !quotesChanged(f));
  return [...withQuotes.filter((_, i) => i % 4 === 0), ...rest.filter((_, i) => i % 16 === 0)];
}

describe.skipIf(!readwriteconfPresent)('readwriteconf as the judge', () => {
  it('notices a change of meaning (so the comparison below can fail)', async () => {
    const quoted = await readWithLibreswan('ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tleftid="007"\n');
    const bare = await readWithLibreswan('ipsec.conf', 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tleftid=007\n');
    expect(bare).not.toEqual(quoted);
  });

  it.skipIf(!corpusPresent)(`reads every ${full ? '' : 'sampled '}formatted corpus conf file as it read the original`, async () => {
    const changed = changedCorpusFiles();
    expect(changed.length).toBeGreaterThan(1000);
    const files = full ? changed : sample(changed);
    expect(files.length).toBeGreaterThan(full ? 1000 : 100);
    let loaded = 0;
    const differing = await inBatches(files, 2, async (f) => {
      const before = await readWithLibreswan(f.path, f.before);
      const after = await readWithLibreswan(f.path, f.after);
      if (before.exitCode === 0) loaded++;
      return JSON.stringify(before) === JSON.stringify(after) ? undefined : f.path;
    });
    expect(differing.filter((p) => p !== undefined)).toEqual([]);
    // Most of them load; the rest fail the same way before and after (unknown keys of newer versions).
    expect(loaded).toBeGreaterThan(files.length / 3);
  }, 600_000);
});
