// Writes schemas/ipsec-lint.schema.json, the JSON Schema of .ipsec-lint.json that editors
// use (VS Code's jsonValidation): `npx tsx tools/settings-schema.ts`. Built from the same
// lists the settings reader checks against, so the two cannot drift (test/client checks).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CRYPTO_POLICY_ERAS } from '../schemas/crypto-policies/index';
import { ACCEPTED_RELEASES } from '../schemas/release-names';
import { MAX_INDENT_WIDTH } from '../server/format/format-options';
import { ruleCatalogue } from '../server/rules/catalogue';
import { SETTINGS_KEYS } from '../server/settings/settings-file';

export function buildSettingsSchema(): Record<string, unknown> {
  const ruleIds = [...ruleCatalogue().map((e) => e.meta.id), 'not-checked'];
  const properties: Record<string, unknown> = {
    $schema: { type: 'string', description: 'This schema, for editors that do not know the file name.' },
    libreswanVersion: { enum: [...ACCEPTED_RELEASES], description: 'The Libreswan release of the target hosts; command-line flags win over it.' },
    root: { type: 'string', description: 'Folder (relative to this file) that stands for / of the target host, so absolute includes resolve inside the project.' },
    fips: { type: 'boolean', description: 'Check as a host in FIPS mode.' },
    rules: {
      type: 'object',
      description: 'Severity per rule id: "off", "info", "warn" or "error".',
      propertyNames: { enum: ruleIds },
      additionalProperties: { enum: ['off', 'info', 'warn', 'warning', 'error'] },
    },
    cryptoPolicy: { type: 'string', minLength: 1, description: 'System crypto policy of the target host, such as "DEFAULT", "FUTURE" or "FIPS:OSPP".' },
    cryptoPolicyEra: { enum: [...CRYPTO_POLICY_ERAS], description: 'Which generation of crypto-policies produced that policy.' },
    cryptoPolicyFile: { type: 'string', description: "A site's own libreswan.config back-end file (relative to this file), used instead of a shipped policy." },
    checkFileModes: { type: 'boolean', description: "Judge secrets files' permission bits (secrets-file-mode). Unset: only where the files are the target host's own (root is /)." },
    ignorePatterns: { type: 'array', items: { type: 'string' }, description: 'Globs, gitignore style and relative to this file, that folder mode skips.' },
    format: {
      type: 'object',
      description: 'Options of ipsec-lint fmt and editor formatting.',
      additionalProperties: false,
      properties: {
        indent: { oneOf: [{ const: 'tab' }, { type: 'integer', minimum: 1, maximum: MAX_INDENT_WIDTH }], description: 'Indent of body lines: "tab" or a number of spaces.' },
        unquoteValues: { type: 'boolean', description: 'Drop quotes a value does not need.' },
      },
    },
  };
  const missing = SETTINGS_KEYS.filter((k) => !(k in properties));
  if (missing.length > 0) throw new Error(`settings keys without a schema entry: ${missing.join(', ')}`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/ipsec-lint/ipsec-lint/blob/main/schemas/ipsec-lint.schema.json',
    title: '.ipsec-lint.json',
    description: 'Settings of ipsec-lint (Libreswan ipsec.conf linter) for the files in this folder and below.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

export const SETTINGS_SCHEMA_PATH = resolve(import.meta.dirname, '../schemas/ipsec-lint.schema.json');

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'settings-schema.ts')) {
  writeFileSync(SETTINGS_SCHEMA_PATH, JSON.stringify(buildSettingsSchema(), null, 2) + '\n');
}
