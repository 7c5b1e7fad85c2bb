import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../server/cli/lint-command';

const examples = resolve(__dirname, '../../examples');
const scenarios = readdirSync(examples, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; message: string; line: number }[];
}

describe('every example lints clean in the setting it names', () => {
  it('has the seed chapter scenarios', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['host-to-host', 'site-to-site', 'road-warrior-server', 'road-warrior-client', 'mesh', 'tcp']));
  });

  for (const name of scenarios) {
    it(name, () => {
      const dir = join(examples, name);
      const settingsPath = join(dir, '.ipsec-lint.json');
      expect(existsSync(settingsPath), `${name} names its setting in .ipsec-lint.json`).toBe(true);
      const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
      // The setting is a host: a Libreswan release, and a crypto policy for a RHEL host.
      expect(settings.libreswanVersion).toBeTypeOf('string');
      expect(settings.root).toBe('.');
      const result = runLint(['--format', 'json', dir]);
      expect(result.stderr).toBe('');
      const files = JSON.parse(result.stdout) as JsonFile[];
      // Not vacuous: the example's ipsec.conf was linted.
      expect(files.map((f) => f.filePath)).toContain(join(dir, 'etc/ipsec.conf'));
      expect(files.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line} ${m.ruleId}: ${m.message}`))).toEqual([]);
      expect(result.exitCode).toBe(0);
    });
  }
});
