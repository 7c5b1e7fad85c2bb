import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { policyRules, secretsRules } from '../../../server/rules/registry';
import { lintPolicyGroup } from '../../../server/service/lint-policy';
import { lintSecrets } from '../../../server/service/lint-secrets';
import type { LintDiagnostic } from '../../../server/rules/rule';
import { defaultSettings, type LintSettings } from '../../../server/settings/lint-settings';
import { expectedLines } from '../../support/fixture-expectations';

const fixtures = resolve(__dirname, '../../fixtures/rules');
const scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-secrets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Copies a fixture folder so that file modes are the test's to set: git keeps only 0644,
 * while secrets belong at 0600 (and secrets-file-mode's bad case at 0644 on purpose).
 */
function staged(id: string, which: 'bad' | 'good'): string {
  const dir = join(scratch, id, which);
  cpSync(join(fixtures, id, which), dir, { recursive: true });
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (name.endsWith('.secrets')) chmodSync(join(dir, name), id === 'secrets-file-mode' && which === 'bad' ? 0o644 : 0o600);
  }
  return dir;
}

function linesByFile(diagnostics: readonly LintDiagnostic[], id: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const d of diagnostics.filter((x) => x.ruleId === id)) {
    const list = out.get(d.file) ?? [];
    if (!list.includes(d.range.start.line)) list.push(d.range.start.line);
    out.set(d.file, list.sort((a, b) => a - b));
  }
  return out;
}

function expectedByFile(dir: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const full = join(dir, name);
    if (!existsSync(full) || !/\.(secrets|conf)$|policies\//.test(full)) continue;
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch {
      continue;
    }
    const lines = expectedLines(text);
    if (lines.length > 0) out.set(full, lines);
  }
  return out;
}

/** The fixtures live in a scratch folder, not on a host: secrets-file-mode is asked for, as a user would. */
const settingsFor = (id: string): LintSettings => (id === 'secrets-file-mode' ? { ...defaultSettings, checkFileModes: true } : defaultSettings);

describe('secrets rules, on their fixtures', () => {
  for (const rule of secretsRules) {
    const id = rule.meta.id;
    describe(id, () => {
      it('is documented', () => {
        const text = readFileSync(resolve(__dirname, `../../../docs/rules/${id}.md`), 'utf8');
        for (const heading of ['## Why it matters', '## Bad', '## Good', '## Severity and configuration']) expect(text).toContain(heading);
      });
      it('flags exactly the lines marked "# expect" in bad/', () => {
        const dir = staged(id, 'bad');
        const path = join(dir, 'ipsec.secrets');
        const { diagnostics } = lintSecrets({ path, text: readFileSync(path, 'utf8'), fs: nodeFileSystem, settings: settingsFor(id) });
        const got = linesByFile(diagnostics, id);
        expect(got.size).toBeGreaterThan(0);
        expect(got).toEqual(expectedByFile(dir));
      });
      it('finds nothing in good/', () => {
        const dir = staged(id, 'good');
        const path = join(dir, 'ipsec.secrets');
        const { diagnostics } = lintSecrets({ path, text: readFileSync(path, 'utf8'), fs: nodeFileSystem, settings: settingsFor(id) });
        expect(diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
      });
    });
  }
});

describe('policy group rules, on their fixtures', () => {
  const lintFolder = (dir: string): LintDiagnostic[] =>
    readdirSync(join(dir, 'policies')).flatMap((name) => {
      const path = join(dir, 'policies', name);
      return lintPolicyGroup(path, readFileSync(path, 'utf8'), nodeFileSystem, defaultSettings);
    });
  for (const rule of policyRules) {
    const id = rule.meta.id;
    describe(id, () => {
      it('is documented', () => {
        const text = readFileSync(resolve(__dirname, `../../../docs/rules/${id}.md`), 'utf8');
        for (const heading of ['## Why it matters', '## Bad', '## Good', '## Severity and configuration']) expect(text).toContain(heading);
      });
      it('flags exactly the lines marked "# expect" in bad/policies/', () => {
        const dir = join(fixtures, id, 'bad');
        const got = linesByFile(lintFolder(dir), id);
        expect(got.size).toBeGreaterThan(0);
        expect(got).toEqual(expectedByFile(dir));
      });
      it('finds nothing in good/policies/', () => {
        expect(lintFolder(join(fixtures, id, 'good')).filter((d) => d.ruleId === id)).toEqual([]);
      });
    });
  }
});

describe('secrets-file-mode judges a mode only where it means something', () => {
  const dir = join(scratch, 'modes');
  const lintAt = (settings: LintSettings): string[] => {
    const path = join(dir, 'ipsec.secrets');
    return lintSecrets({ path, text: readFileSync(path, 'utf8'), fs: nodeFileSystem, settings }).diagnostics.map((d) => d.ruleId);
  };
  it('is silent on a checkout (git writes 0644), speaks when the root is / or a setting asks', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ipsec.secrets'), '@a @b : PSK "Pq8Wm2Zx5Lc7Vb3Nk9Hj4Gf6Ds1Aa0Qe8Rt2Yu5Io7Pl3Kj9Mn4Bv6Cx1Za8Sd2F"\n');
    chmodSync(join(dir, 'ipsec.secrets'), 0o644);
    expect(lintAt(defaultSettings)).not.toContain('secrets-file-mode');
    expect(lintAt({ ...defaultSettings, root: dir })).not.toContain('secrets-file-mode');
    expect(lintAt({ ...defaultSettings, root: '/' })).toContain('secrets-file-mode');
    expect(lintAt({ ...defaultSettings, checkFileModes: true })).toContain('secrets-file-mode');
    expect(lintAt({ ...defaultSettings, root: '/', checkFileModes: false })).not.toContain('secrets-file-mode');
  });
});
