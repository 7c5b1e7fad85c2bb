import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFormatOptions } from '../../server/format';
import { formatDocument } from '../../server/service/format';
import { corpusDir, corpusPresent, manifest } from '../support/corpus';
import { readAllWithLibreswan, readWithLibreswan, readwriteconfPresent } from './support/readwriteconf';

/*
 * Meaning judged by Libreswan itself: Debian's readwriteconf (4.10) prints the config it
 * loaded; it must print the same thing (same exit status, same messages but for line
 * numbers) before and after formatting, on every corpus conf file the formatter changes
 * (a file it leaves byte for byte as it was cannot read differently, and a file whose name
 * and text repeat is read once).
 */

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

describe.skipIf(!readwriteconfPresent)('readwriteconf as the judge', () => {
  it('notices a change of meaning (so the comparison below can fail), each reading in its place', async () => {
    const quoted = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tleftid="007"\n';
    const bare = quoted.replace('"007"', '007');
    const swapped = quoted.replace('left=192.0.2.1\n\tright=192.0.2.2', 'left=192.0.2.2\n\tright=192.0.2.1');
    const texts = [quoted, bare, swapped, quoted, bare, swapped, quoted];
    const readings = await readAllWithLibreswan(texts.map((text) => ({ name: 'ipsec.conf', text })));
    expect(readings[0].exitCode).toBe(0);
    expect(readings[1]).not.toEqual(readings[0]);
    expect(readings[2]).not.toEqual(readings[0]);
    // Whichever worker ran it, a text reads the same.
    expect(readings.slice(3)).toEqual(readings.slice(0, 4));
    expect(await readWithLibreswan('ipsec.conf', bare)).toEqual(readings[1]);
  });

  it.skipIf(!corpusPresent)('reads every formatted corpus conf file as it read the original', async () => {
    const changed = changedCorpusFiles();
    expect(changed.length).toBeGreaterThan(1000);
    const readings = await readAllWithLibreswan(changed.flatMap((f) => [{ name: f.path, text: f.before }, { name: f.path, text: f.after }]));
    const differing = changed.filter((_, i) => JSON.stringify(readings[2 * i]) !== JSON.stringify(readings[2 * i + 1])).map((f) => f.path);
    expect(differing).toEqual([]);
    // Most of them load (685 of 1,151 in 4.10); the rest fail the same way before and after (keys of newer versions).
    const loaded = changed.filter((_, i) => readings[2 * i].exitCode === 0).length;
    expect(loaded).toBeGreaterThan(changed.length / 2);
    // Refusals are compared too: files that Libreswan refuses are among them.
    expect(new Set(readings.map((r) => r.exitCode)).size).toBeGreaterThan(1);
  }, 600_000);
});
