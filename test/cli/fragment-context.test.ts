import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLint } from '../../server/cli/lint-command';
import { LanguageService } from '../../server/service/language-service';
import { pathToUri } from '../../server/service/uris';
import { defaultSettings } from '../../server/settings/lint-settings';
import { memoryFileSystem } from '../service/memory-file-system';

/**
 * pre-commit passes only the changed files: a fragment of /etc/ipsec.d must be linted as
 * Libreswan reads it, inside the ipsec.conf that includes it (also= targets in a sibling).
 */
const confText = 'config setup\n\tlogfile=/var/log/pluto.log\n\ninclude /etc/ipsec.d/*.conf\n';
const baseText = 'conn base\n\tleft=192.0.2.1\n\tauthby=rsasig\n\tleftrsasigkey=0sAQOrlo\n\trightrsasigkey=0sAQO3fw\n';
const goodFragment = 'conn b\n\talso=base\n\tright=192.0.2.2\n\tauto=add\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-fragment-'));
  mkdirSync(join(dir, 'etc/ipsec.d'), { recursive: true });
  writeFileSync(join(dir, '.ipsec-lint.json'), '{ "root": "." }\n');
  writeFileSync(join(dir, 'etc/ipsec.conf'), confText);
  writeFileSync(join(dir, 'etc/ipsec.d/a.conf'), baseText);
  writeFileSync(join(dir, 'etc/ipsec.d/b.conf'), goodFragment);
  // An includer-less sibling tree: the upward search finds this ipsec.conf (a relative include).
  mkdirSync(join(dir, 'plain/conf.d'), { recursive: true });
  writeFileSync(join(dir, 'plain/ipsec.conf'), 'include conf.d/*.conf\n');
  writeFileSync(join(dir, 'plain/conf.d/x.conf'), baseText);
  writeFileSync(join(dir, 'plain/conf.d/y.conf'), goodFragment);
  writeFileSync(join(dir, 'plain/alone.conf'), goodFragment);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; line: number; message: string }[];
}
const lint = (...paths: string[]): JsonFile[] => JSON.parse(runLint(['--format', 'json', ...paths]).stdout) as JsonFile[];
const findings = (files: JsonFile[]): string[] => files.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line} ${m.ruleId}`));

describe('a fragment named on the command line', () => {
  it('is linted inside the ipsec.conf found from root: no false also= or missing left=', () => {
    expect(findings(lint(join(dir, 'etc/ipsec.d/b.conf')))).toEqual([]);
  });

  it('keeps its own real findings, and reports only for the named file', () => {
    const bad = join(dir, 'etc/ipsec.d/bad.conf');
    writeFileSync(bad, `${goodFragment.replace("conn b", "conn c")}\trigth=x\n`);
    try {
      const out = lint(bad);
      expect(out.map((f) => f.filePath)).toEqual([bad]);
      expect(findings(out)).toEqual([`${bad}:5 unknown-keyword`]);
    } finally {
      rmSync(bad);
    }
  });

  it('finds the ipsec.conf above it without a root', () => {
    expect(findings(lint(join(dir, 'plain/conf.d/y.conf')))).toEqual([]);
  });

  it('is linted alone when no entry file includes it', () => {
    expect(findings(lint(join(dir, 'plain/alone.conf')))).toContain(`${join(dir, 'plain/alone.conf')}:2 also-reference`);
  });

  it('is reported once when the ipsec.conf is named too', () => {
    const bad = join(dir, 'etc/ipsec.d/bad2.conf');
    writeFileSync(bad, `${goodFragment.replace("conn b", "conn c")}\trigth=x\n`);
    try {
      expect(findings(lint(join(dir, 'etc/ipsec.conf'), bad))).toEqual([`${bad}:5 unknown-keyword`]);
    } finally {
      rmSync(bad);
    }
  });
});

describe('the language server, a fragment opened alone', () => {
  it('checks it inside the ipsec.conf at its root, with no workspace folder', () => {
    const fs = memoryFileSystem({ '/h/etc/ipsec.conf': confText, '/h/etc/ipsec.d/a.conf': baseText, '/h/etc/ipsec.d/b.conf': goodFragment });
    const ls = new LanguageService({ fs, settingsFor: () => ({ ...defaultSettings, root: '/h' }) });
    const uri = pathToUri('/h/etc/ipsec.d/b.conf');
    ls.openDocument(uri, 'ipsec-conf', 1, `${goodFragment}\trigth=x\n`);
    ls.validate();
    expect(ls.diagnostics(uri).map((d) => d.code)).toEqual(['unknown-keyword']);
  });
});
