import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConf } from '../../grammar/conf/parse';
import { allKeywords, keywordTable, LIBRESWAN_VERSIONS, type LibreswanVersion } from '../../schemas/keywords';
import { keywordMigrations, migrationApplies, type KeywordMigration } from '../../schemas/migrations';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { applyEdits, fixAllConf } from '../../server/service/fix-all';
import { LanguageService } from '../../server/service/language-service';
import { defaultSettings } from '../../server/settings/lint-settings';
import { fixtureVersion } from '../support/fixture-expectations';
import { memoryFileSystem } from './memory-file-system';

const fixtures = resolve(__dirname, '../fixtures/fix');

function fix(path: string, text: string, version: LibreswanVersion, folder = '/site'): ReturnType<typeof fixAllConf> {
  return fixAllConf({ path, text, fs: path.startsWith('/site/') ? memoryFileSystem({}) : nodeFileSystem, cwd: folder, settings: { ...defaultSettings, libreswanVersion: version, root: folder } });
}

function comments(text: string): string[] {
  return parseConf(text).lines.flatMap((l) => (l.comment ? [l.comment.text] : []));
}

describe('fixture pairs: --fix turns input.conf into expected.conf', () => {
  for (const name of readdirSync(fixtures)) {
    const input = join(fixtures, name, 'input.conf');
    const expectedPath = join(fixtures, name, 'expected.conf');
    it(name, () => {
      const text = readFileSync(input, 'utf8');
      const expected = readFileSync(expectedPath, 'utf8');
      const version = fixtureVersion(input);
      const result = fixAllConf({ path: input, text, fs: nodeFileSystem, cwd: join(fixtures, name), settings: { ...defaultSettings, libreswanVersion: version, root: join(fixtures, name) } });
      expect(result.settled).toBe(true);
      expect(result.text).toBe(expected);
      // Idempotent: the fixed text has nothing more to fix.
      const again = fixAllConf({ path: input, text: expected, fs: nodeFileSystem, cwd: join(fixtures, name), settings: { ...defaultSettings, libreswanVersion: version, root: join(fixtures, name) } });
      expect(again.passes).toEqual([]);
      // Every comment survives, inside the comment a removal leaves when not on its own.
      const after = result.text;
      for (const c of comments(text)) expect(after).toContain(c.replace(/^#\s*/, ''));
    });
  }
});

/** A value that fits the keyword an entry writes, so only the migration itself is judged. */
function fittingValue(entry: KeywordMigration): string {
  if (entry.values) return entry.values[0];
  if ((entry.fix.kind === 'rename' || entry.fix.kind === 'rewrite') && entry.fix.values) return Object.keys(entry.fix.values)[0];
  const target = entry.fix.kind === 'rename' ? allKeywords.find((k) => k.section === entry.section && k.name === (entry.fix as { keyword: string }).keyword) : undefined;
  const type = target ? Object.values(target.versions)[0]?.type : undefined;
  if (type === 'number' || type === 'duration') return '10';
  if (type === 'subnet-list') return '%v4:10.0.0.0/8';
  if (type === 'ip-list' || type === 'ip') return '192.0.2.53';
  return 'yes';
}

/** A conf that uses one migration entry as its target release would meet it. */
function sample(entry: KeywordMigration): { text: string; line: number; key: string } {
  const value = fittingValue(entry);
  const key = entry.leftright ? `left${entry.keyword}` : entry.keyword;
  if (entry.section === 'config') return { text: `config setup\n\t${key}=${value}\n`, line: 1, key };
  return { text: `conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\t${key}=${value}\n\tauto=add\n`, line: 3, key };
}

describe('every entry of schemas/migrations.json, for every release it applies to', () => {
  for (const entry of keywordMigrations) {
    const versions = LIBRESWAN_VERSIONS.filter((v) => migrationApplies(entry, v));
    it(`${entry.section} ${entry.keyword}${entry.values ? `=${entry.values.join('|')}` : ''} (${versions.join(', ')})`, () => {
      expect(versions.length).toBeGreaterThan(0);
      for (const version of versions) {
        const { text, line, key } = sample(entry);
        const result = fix('/site/ipsec.conf', text, version);
        const fixedLine = result.text.split('\n')[line];
        const ignoredThere = keywordTable(version).lookup(entry.section, entry.keyword)?.info.status === 'obsolete';
        if ((entry.fix.kind === 'rename' || entry.fix.kind === 'rewrite') && ignoredThere && !entry.values) {
          // The target reads the old name and ignores it: switching the new one on changes what the conn does.
          expect(result.text, version).toBe(text);
          expect(result.remaining.filter((d) => d.range.start.line === line).map((d) => d.message).join('\n')).toContain('ignores it, so it does nothing now');
          continue;
        }
        if (entry.fix.kind === 'decide') {
          // A choice (often one both ends must make) is left as written, and said.
          expect(result.text).toBe(text);
          const said = result.remaining.filter((d) => d.range.start.line === line);
          expect(said.map((d) => d.message).join('\n')).toContain(entry.fix.choose);
          if (entry.changesWire) expect(said.map((d) => d.message).join('\n')).toContain('the peer must change too');
        } else if (entry.fix.kind === 'remove') {
          expect(fixedLine).toMatch(new RegExp(`^\\t# ${key}=\\S* removed by ipsec-lint: `));
          expect(fixedLine).toContain(entry.why);
        } else if (fixedLine.startsWith(`\t# ${key}=`)) {
          // Renamed into a keyword that went later too: removed with both reasons.
          expect(fixedLine).toContain(`${entry.why}, and `);
        } else {
          // The entry's keyword, or the name the target gives it now (curl-timeout is crl-timeout from 5.3).
          const now = keywordTable(version).lookup(entry.section, entry.fix.keyword);
          const names = [entry.fix.keyword, now?.info.status === 'alias' ? now.info.renamedTo : undefined].filter((n) => n !== undefined);
          expect(names.some((n) => fixedLine.startsWith(`\t${entry.leftright ? 'left' : ''}${n}=`)), `${version}: ${fixedLine}`).toBe(true);
        }
        // Nothing is left on that line for the rules that know the history.
        if (entry.fix.kind !== 'decide') {
          const left = result.remaining.filter((d) => d.range.start.line === line && ['unknown-keyword', 'obsolete-keyword', 'obsolete-value', 'invalid-value', 'side-prefix-missing'].includes(d.ruleId));
          expect(left.map((d) => `${version}: ${d.message}`)).toEqual([]);
        }
      }
    });
  }
});

describe('the editor offers the same edits', () => {
  it('applying source.fixAll until it offers nothing gives --fix’s text', () => {
    const text = readFileSync(join(fixtures, 'comments-kept', 'input.conf'), 'utf8');
    const uri = 'file:///site/ipsec.conf';
    let current = text;
    for (let round = 0; round < 5; round++) {
      const ls = new LanguageService({ fs: memoryFileSystem({}), settingsFor: () => ({ ...defaultSettings, libreswanVersion: '5.4' }) });
      ls.openDocument(uri, 'ipsec-conf', 1, current);
      const [fixAll] = ls.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll']);
      if (!fixAll) break;
      const edits = (fixAll.edit?.changes?.[uri] ?? []).map((e) => ({ file: '/site/ipsec.conf', range: e.range, newText: e.newText }));
      current = applyEdits(current, edits);
    }
    expect(current).not.toBe(text);
    expect(current).toBe(fix('/site/ipsec.conf', text, '5.4').text);
  });
});

describe('applyEdits', () => {
  it('applies edits from the end, on CRLF text and after non-ASCII characters', () => {
    const text = 'conn é\r\n\tike_frag=yes\r\n';
    const out = applyEdits(text, [{ file: 'x', range: { start: { line: 1, character: 1 }, end: { line: 1, character: 9 } }, newText: 'fragmentation' }]);
    expect(out).toBe('conn é\r\n\tfragmentation=yes\r\n');
  });

  it('keeps CRLF line endings through a migration', () => {
    const text = 'config setup\r\n\tnat_traversal=yes\r\n\tprotostack=netkey\r\n';
    const out = fix('/site/ipsec.conf', text, '5.4').text;
    expect(out.split('\r\n')).toHaveLength(4);
    expect(out).not.toMatch(/[^\r]\n/);
    expect(out).toContain('\tprotostack=xfrm\r\n');
  });
});
