import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSecrets, printSecrets, readSecretPayload } from '../../grammar/secrets';

/*
 * Fixture folders, one small file per case: valid/ must parse without a single error,
 * invalid/<name>.secrets must report exactly the errors listed in <name>.errors.json.
 */

const root = fileURLToPath(new URL('../fixtures/secrets/', import.meta.url));
const read = (path: string): string => readFileSync(root + path, 'utf8');
const secretsIn = (folder: string): string[] => readdirSync(root + folder).filter((f) => f.endsWith('.secrets')).sort();

describe('valid secrets fixtures', () => {
  it.each(secretsIn('valid'))('%s parses without errors and prints back', (name) => {
    const text = read(`valid/${name}`);
    const file = parseSecrets(text);
    expect(file.errors).toEqual([]);
    expect(file.records.filter((r) => r.kind === 'error')).toEqual([]);
    expect(printSecrets(file)).toBe(text);
  });
});

describe('invalid secrets fixtures', () => {
  it.each(secretsIn('invalid'))('%s reports the expected errors', (name) => {
    const text = read(`invalid/${name}`);
    const expected = JSON.parse(read(`invalid/${name.replace(/\.secrets$/, '.errors.json')}`)) as { code: string; line: number }[];
    const file = parseSecrets(text);
    expect(file.errors.map((e) => ({ code: e.code, line: e.range.start.line }))).toEqual(expected);
    expect(printSecrets(file)).toBe(text);
  });
});

describe('messages never quote a secret', () => {
  it.each([...secretsIn('valid').map((f) => `valid/${f}`), ...secretsIn('invalid').map((f) => `invalid/${f}`)])('%s', (path) => {
    const file = parseSecrets(read(path));
    for (const record of file.records) {
      if (record.kind !== 'psk' && record.kind !== 'xauth' && record.kind !== 'ppks') continue;
      const payload = readSecretPayload(file, record.data);
      if (payload.length < 3) continue;
      for (const error of file.errors) expect(error.message).not.toContain(payload);
    }
  });
});
