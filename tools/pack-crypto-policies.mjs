// Packs schemas/crypto-policies/<era>/*.config into schemas/crypto-policies/policies.json, so
// the policies travel inside every bundle (CLI, language server, VS Code extension) as data.
// The .config files stay the reviewable source; test/schemas/crypto-policies-pack.test.ts
// fails when the two drift apart.
//   node tools/pack-crypto-policies.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../schemas/crypto-policies');
const packed = {};
for (const era of ['rhel8', 'rhel9', 'current']) {
  packed[era] = {};
  for (const file of readdirSync(join(root, era)).filter((f) => f.endsWith('.config')).sort()) {
    packed[era][file] = readFileSync(join(root, era, file), 'utf8');
  }
}
writeFileSync(join(root, 'policies.json'), JSON.stringify(packed, null, 1) + '\n');
