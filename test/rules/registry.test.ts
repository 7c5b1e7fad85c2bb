import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confRules, policyRules, secretsRules } from '../../server/rules/registry';
import { ruleIndex } from '../../tools/rule-index';

const docs = resolve(__dirname, '../../docs/rules');
const all = [...confRules, ...secretsRules, ...policyRules];

describe('the rule registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = all.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('documents every rule on its own page, with a bad and a good example', () => {
    const missing: string[] = [];
    for (const { meta } of all) {
      const page = resolve(docs, `${meta.id}.md`);
      if (!existsSync(page)) {
        missing.push(`${meta.id}: no page`);
        continue;
      }
      const text = readFileSync(page, 'utf8');
      if (!text.startsWith(`# ${meta.id}`)) missing.push(`${meta.id}: page title`);
      if (!/^#+ .*\bBad\b/im.test(text) || !/^#+ .*\bGood\b/im.test(text)) missing.push(`${meta.id}: bad/good examples`);
    }
    expect(missing).toEqual([]);
  });

  it('lists every rule in docs/rules/README.md (regenerate with npx tsx tools/rule-index.ts)', () => {
    expect(readFileSync(resolve(docs, 'README.md'), 'utf8')).toBe(ruleIndex());
  });
});
