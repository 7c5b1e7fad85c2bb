import { readFileSync } from 'node:fs';
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
