import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigFileSystem } from '../../server/model/file-system';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { lintConf } from '../../server/service/lint-conf';
import { corpusDir, corpusPresent } from '../support/corpus';

interface OracleTest {
  readonly test: string;
  readonly testlist_status: string;
  readonly console: string;
  readonly diagnostics: readonly { readonly command: string; readonly line: string }[];
}

/**
 * Libreswan's scanner reports an X- comment key on the line where its look-ahead stands (one
 * or two lines late); ipsec-lint reports the line the key is written on. Listed here with the
 * line Libreswan prints and the line the key is on.
 */
const knownLineShifts: ReadonlyMap<string, number> = new Map([
  ['addconn-43-x-comment|3|X- style comment ignored: X-something', 2],
  ['addconn-43-x-comment|3|X- style comment ignored: x-something= ...', 4],
  ['addconn-43-x-comment|4|X- style comment ignored: x_something=', 5],
  ['addconn-43-x-comment|8|X- style comment ignored: X_something=', 9],
  ['addconn-43-x-comment|8|X- style comment ignored: x-something= ...', 10],
  ['addconn-43-x-comment|9|X- style comment ignored: x_something=', 11],
  // The file ends right after `subnet=` on line 5; the scanner has already counted the last newline.
  ['addconn-01-left-is-right|6|keyword "subnet" requires "left" or "right" prefix', 5],
  // Likewise: the include is the file's last line (20).
  ["addconn-19-include-recursive|21|including '/etc/ipsec.conf' exceeds max inclusion depth of 10", 20],
]);

/** Expected lines that are not about the configuration text, with the reason. */
const notAboutConfigText: ReadonlyMap<string, string> = new Map([
  [
    "whack-pluto-02-logfile|6|overriding earlier 'config setup' keyword with new value: logfile=/tmp/pluto.log",
    'the earlier value is the --logfile command-line option given before --config, not a line of the file',
  ],
]);

/**
 * A test host's `/etc/ipsec.conf` is the test's own config file; a virtual root makes
 * `include /etc/ipsec.conf` (addconn-19-include-recursive) find that file again, as on the host.
 */
function hostFileSystem(hostConf: string, root: string): ConfigFileSystem {
  const toCorpus = (path: string): string => (path === `${root}/etc/ipsec.conf` ? hostConf : path.startsWith(root + '/') ? corpusDir + path.slice(root.length) : path);
  return { readText: (path) => nodeFileSystem.readText(toCorpus(path)), glob: (pattern) => nodeFileSystem.glob(toCorpus(pattern)).map((p) => (p === hostConf ? `${root}/etc/ipsec.conf` : p.replace(corpusDir, root))) };
}

/** `/etc/ipsec.conf` in a test's console is the host's own config, named after the host. */
function configPath(test: OracleTest, written: string): string {
  const dir = join(corpusDir, 'testing/pluto', test.test);
  if (written !== '/etc/ipsec.conf') return join(dir, basename(written));
  const host = basename(test.console).replace(/\.console\.txt$/, '');
  const candidates = [`${host}.conf`, `${host}.ipsec.conf`, 'ipsec.conf'].map((name) => join(dir, name));
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

describe.skipIf(!corpusPresent)("Libreswan 5.x's own expected diagnostics", () => {
  it('reproduces every file:line diagnostic of the good tests at the same file and line', () => {
    const index = JSON.parse(readFileSync(join(corpusDir, 'ORACLE-index.json'), 'utf8')) as OracleTest[];
    const expected: { test: OracleTest; file: string; hostConf: boolean; line: number; text: string }[] = [];
    for (const test of index) {
      if (test.testlist_status !== 'good') continue;
      for (const d of test.diagnostics) {
        const m = /([\w./-]+\.conf):(\d+): (.*)$/.exec(d.line);
        if (!m || notAboutConfigText.has(`${test.test}|${m[2]}|${m[3]}`)) continue;
        expected.push({ test, file: configPath(test, m[1]), hostConf: m[1] === '/etc/ipsec.conf', line: Number(m[2]), text: m[3] });
      }
    }
    expect(expected.length).toBeGreaterThanOrEqual(38);
    const cache = new Map<string, { line: number; message: string }[]>();
    const missing: string[] = [];
    for (const e of expected) {
      let found = cache.get(e.file);
      if (!found) {
        const root = '/virtual-host';
        const path = e.hostConf ? `${root}/etc/ipsec.conf` : e.file;
        const fs = e.hostConf ? hostFileSystem(e.file, root) : nodeFileSystem;
        const result = lintConf({ path, text: readFileSync(e.file, 'utf8'), fs, cwd: dirname(e.file), settings: { libreswanVersion: 'latest', root: e.hostConf ? root : corpusDir, fips: false, rules: {} } });
        found = result.diagnostics.filter((d) => d.file === path).map((d) => ({ line: d.range.start.line + 1, message: d.message }));
        cache.set(e.file, found);
      }
      const line = knownLineShifts.get(`${e.test.test}|${e.line}|${e.text}`) ?? e.line;
      if (!found.some((f) => f.line === line)) missing.push(`${e.test.test}: ${basename(e.file)}:${e.line}: ${e.text}`);
    }
    expect(missing).toEqual([]);
  });
});
