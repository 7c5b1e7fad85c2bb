import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConf, printConf } from '../../grammar/conf/parse';
import { corpusDir, corpusPresent, manifest } from '../support/corpus';

describe.skipIf(!corpusPresent)('conf parser on the corpus', () => {
  it('prints every corpus conf file back byte for byte', () => {
    const confs = manifest().filter((m) => m.kind.startsWith('conf'));
    expect(confs.length).toBeGreaterThan(1500);
    const broken: string[] = [];
    for (const entry of confs) {
      const text = readFileSync(join(corpusDir, entry.path), 'utf8');
      if (printConf(parseConf(text)) !== text) broken.push(entry.path);
    }
    expect(broken).toEqual([]);
  });
});
