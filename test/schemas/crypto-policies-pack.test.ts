import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import packed from '../../schemas/crypto-policies/policies.json' with { type: 'json' };

const root = resolve(__dirname, '../../schemas/crypto-policies');

describe('packed crypto policies', () => {
  it('hold exactly the .config files of every era (run node tools/pack-crypto-policies.mjs after editing them)', () => {
    const onDisk: Record<string, Record<string, string>> = {};
    for (const era of ['rhel8', 'rhel9', 'current']) {
      onDisk[era] = {};
      for (const file of readdirSync(join(root, era)).filter((f) => f.endsWith('.config')).sort()) onDisk[era][file] = readFileSync(join(root, era, file), 'utf8');
    }
    expect(packed).toEqual(onDisk);
    expect(Object.keys(onDisk.current)).toContain('DEFAULT.config');
  });
});
