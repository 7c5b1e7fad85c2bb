/**
 * The rule index, docs/rules/README.md, made from the registry so it cannot drift:
 *   npx tsx tools/rule-index.ts          (writes the file)
 * test/rules/registry.test.ts fails when the committed file differs from what this makes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confRules, policyRules, secretsRules } from '../server/rules/registry';

export function ruleIndex(): string {
  const rows = [...confRules, ...secretsRules, ...policyRules]
    .map((r) => r.meta)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((m) => `| [${m.id}](${m.id}.md) | ${m.scope} | ${m.defaultSeverity} | ${m.description.replace(/\|/g, '\\|')} |`);
  return [
    '# Rules',
    '',
    'Every rule ipsec-lint runs, with the files it reads and its default severity. A finding can',
    'carry a different severity when the rule knows better (for example an error only for the',
    "Libreswan versions that refuse the file); `.ipsec-lint.json` sets a rule's severity outright:",
    '`{ "rules": { "<id>": "off" | "info" | "warn" | "error" } }`.',
    '',
    '| rule | reads | default | what it finds |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('rule-index.ts')) {
  writeFileSync(join(import.meta.dirname, '../docs/rules/README.md'), ruleIndex());
}
