import { cpSync, mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main';
import type { ConfigFileSystem } from '../../server/model/file-system';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { lintSecrets } from '../../server/service/lint-secrets';
import { defaultSettings } from '../../server/settings/lint-settings';
import { canariesPlanted, canaryDir, leakedCanary } from './canaries';

/*
 * Secrets never leak: canary PSKs, PPKs and XAUTH passwords (well-formed and broken
 * records alike) go through every output path, and no output may hold any of them, or
 * any 8-character piece of one.
 */

let scratch = '';
let west = '';
let east = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-canary-'));
  cpSync(canaryDir, scratch, { recursive: true });
  west = join(scratch, 'west');
  east = join(scratch, 'east');
  // World-readable on purpose in west, so secrets-file-mode speaks about that file too.
  chmodSync(join(west, 'ipsec.secrets'), 0o644);
  chmodSync(join(east, 'ipsec.secrets'), 0o600);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function everything(r: { stdout: string; stderr: string }): string {
  return r.stdout + '\n' + r.stderr;
}

describe('secret canaries', () => {
  it('are planted in the fixtures', () => {
    expect(canariesPlanted()).toBe(true);
    // The detector itself finds a planted secret (a test that could not fail is no test).
    expect(leakedCanary(readFileSync(join(canaryDir, 'west', 'ipsec.secrets'), 'utf8'))).toBeDefined();
  });

  for (const format of ['stylish', 'json'] as const) {
    it(`do not appear in 'ipsec-lint --format ${format}' on the secrets, the conf and the folder`, () => {
      for (const target of [join(west, 'ipsec.secrets'), west, scratch]) {
        const r = runCli(['--format', format, target]);
        // The canary files are full of findings; an empty report would prove nothing.
        expect(r.stdout).toMatch(/psk-too-short|syntax-error/);
        expect(leakedCanary(everything(r)), `${format} output for ${target}`).toBeUndefined();
      }
    });
  }

  it("do not appear in 'ipsec-lint pair' (stylish and json), which compares the different PSKs and PPKs", () => {
    for (const format of ['stylish', 'json']) {
      const r = runCli(['pair', '--format', format, west, east]);
      expect(r.stdout).toMatch(/AUTHENTICATION_FAILED/);
      expect(r.exitCode).toBe(1);
      expect(leakedCanary(everything(r))).toBeUndefined();
    }
  });

  it('do not appear in any diagnostic message, related message or fix of the service', () => {
    const path = join(west, 'ipsec.secrets');
    const { diagnostics } = lintSecrets({ path, text: readFileSync(path, 'utf8'), fs: nodeFileSystem, settings: defaultSettings });
    expect(diagnostics.length).toBeGreaterThan(5);
    expect(leakedCanary(JSON.stringify(diagnostics))).toBeUndefined();
  });

  it('do not appear in thrown errors, on mangled secrets files or a failing file system', () => {
    const original = readFileSync(join(canaryDir, 'west', 'ipsec.secrets'), 'utf8');
    const failing: ConfigFileSystem = {
      readText: (p) => {
        throw new Error(`simulated failure reading ${p}`);
      },
      glob: () => [],
    };
    const attempt = (text: string, fs: ConfigFileSystem): void => {
      try {
        const { diagnostics } = lintSecrets({ path: join(west, 'ipsec.secrets'), text, fs, settings: defaultSettings, config: null });
        expect(leakedCanary(JSON.stringify(diagnostics))).toBeUndefined();
      } catch (error) {
        const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
        expect(leakedCanary(message)).toBeUndefined();
      }
    };
    attempt(original, failing);
    fc.assert(
      fc.property(fc.nat(original.length), fc.nat(40), fc.constantFrom('', '"', "'", '`', ':', '\n', ' ', '\n ', 'include ', '#'), (at, cut, insert) => {
        attempt(original.slice(0, at) + insert + original.slice(Math.min(original.length, at + cut)), nodeFileSystem);
      }),
      { numRuns: 200 },
    );
  });
});
