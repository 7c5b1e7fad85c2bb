import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { dirname } from 'node:path';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { lintConf, type ConfLintResult } from '../../server/service/lint-conf';
import { parseLibreswanVersion, type LibreswanVersion } from '../../schemas/keywords';

/** Lines of a fixture marked with a trailing `# expect` comment, 0-based. */
export function expectedLines(text: string): number[] {
  return text
    .split('\n')
    .map((line, i) => (/\s# expect\b/.test(line) ? i : -1))
    .filter((i) => i >= 0);
}

/** A fixture may pin its Libreswan version with a first line `# version: 4.10`. */
export function fixtureVersion(path: string): LibreswanVersion {
  const first = readFileSync(path, 'utf8').split('\n', 1)[0];
  const m = /^# version: (\S+)/.exec(first);
  return (m && parseLibreswanVersion(m[1])) || 'latest';
}

/** Lints a fixture as its own host: cwd and root are the fixture's folder, the version its header's. */
export function lintFixture(path: string): ConfLintResult {
  return lintConf({
    path,
    text: readFileSync(path, 'utf8'),
    fs: nodeFileSystem,
    cwd: dirname(path),
    settings: { libreswanVersion: fixtureVersion(path), root: dirname(path), fips: false, rules: {} },
  });
}

/**
 * Asserts that a rule flags exactly the lines marked `# expect` in a fixture and in every
 * file it includes; `name` shortens paths in failure messages.
 */
export function expectMarkedLines(result: ConfLintResult, ruleId: string, name: (path: string) => string = (p) => p): void {
  const mine = result.diagnostics.filter((d) => d.ruleId === ruleId);
  expect(mine.length).toBeGreaterThan(0);
  for (const file of result.config.loaded.files) {
    const expected = expectedLines(readFileSync(file.path, 'utf8'));
    const got = [...new Set(mine.filter((d) => d.file === file.path).map((d) => d.range.start.line))].sort((a, b) => a - b);
    expect({ file: name(file.path), lines: got }).toEqual({ file: name(file.path), lines: expected });
  }
}
