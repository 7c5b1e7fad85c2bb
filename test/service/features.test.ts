import { describe, expect, it } from 'vitest';
import { CompletionItemTag, type Hover } from 'vscode-languageserver-protocol';
import { defaultSettings } from '../../server/settings/lint-settings';
import { LanguageService } from '../../server/service/language-service';
import { memoryFileSystem } from './memory-file-system';

const doc = 'file:///site/ipsec.conf';

function open(text: string, files: Record<string, string> = {}, fips = false): LanguageService {
  const ls = new LanguageService({ fs: memoryFileSystem(files), settingsFor: () => ({ ...defaultSettings, fips }) });
  ls.openDocument(doc, 'ipsec-conf', 1, text);
  return ls;
}

const labels = (ls: LanguageService, line: number, character: number): string[] => ls.completion(doc, { line, character }).items.map((i) => String(i.label));
const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('completion', () => {
  it('offers section headers at the start of a line and keywords on an indented one', () => {
    const ls = open('config setup\n\t\nconn a\n\t\n');
    expect(labels(ls, 4, 0)).toEqual(['conn', 'config setup', 'include']);
    expect(labels(ls, 1, 1)).toContain('logfile');
    expect(labels(ls, 1, 1)).not.toContain('leftsubnet');
    expect(labels(ls, 3, 1)).toEqual(expect.arrayContaining(['left', 'right', 'leftsubnet', 'rightsubnet', 'ike']));
    expect(labels(ls, 3, 1)).not.toContain('logfile');
  });

  it('offers files for include paths, relative to the including file', () => {
    const ls = open('include ipsec.d/\n', { '/site/ipsec.d/a.conf': '', '/site/ipsec.d/b.conf': '' });
    expect(labels(ls, 0, 16)).toEqual(['a.conf', 'b.conf', '*.conf']);
  });

  it('offers list items after a comma and nothing inside comments', () => {
    const ls = open('conn a\n\tauthby=rsasig,\n# auto=\n');
    expect(labels(ls, 1, 15)).toEqual(expect.arrayContaining(['secret', 'rsasig']));
    expect(ls.completion(doc, { line: 1, character: 15 }).items[0].textEdit).toMatchObject({ range: { start: { line: 1, character: 15 } } });
    expect(labels(ls, 2, 7)).toEqual([]);
  });

  it('offers the encryption algorithms in the first part of esp=, FIPS-approved first', () => {
    const ls = open('conn a\n\tesp=\n');
    const items = ls.completion(doc, { line: 1, character: 5 }).items;
    const firstNonFips = items.findIndex((i) => !String(i.detail).includes('FIPS'));
    const lastFips = items.map((i) => String(i.detail).includes('FIPS')).lastIndexOf(true);
    expect(firstNonFips).toBeGreaterThan(lastFips);
    expect(items.map((i) => i.label)).toContain('aes_gcm_16');
  });

  it('in FIPS mode lists the approved algorithms first and the refused ones after, struck through', () => {
    const ls = open('conn a\n\tesp=\n', {}, true);
    const items = ls.completion(doc, { line: 1, character: 5 }).items.sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    const refused = items.filter((i) => i.tags?.includes(CompletionItemTag.Deprecated));
    expect(refused.map((i) => i.label)).toContain('chacha20_poly1305');
    expect(refused.every((i) => String(i.detail).includes('not allowed in FIPS mode'))).toBe(true);
    const firstRefused = items.indexOf(refused[0]);
    expect(items.slice(0, firstRefused).map((i) => i.label)).toContain('aes_gcm_16');
    expect(items.slice(firstRefused).every((i) => i.tags?.includes(CompletionItemTag.Deprecated))).toBe(true);
    // Outside FIPS mode nothing is struck through.
    expect(open('conn a\n\tesp=\n').completion(doc, { line: 1, character: 5 }).items.some((i) => i.tags)).toBe(false);
  });

  it('offers the part under the cursor in the middle of a proposal and replaces the whole name', () => {
    const ls = open('conn a\n\tike=aes256-sha2_256-dh19\n');
    // Cursor after `sha2_` in the PRF part, with `256` and the DH part still after it.
    const items = ls.completion(doc, { line: 1, character: 17 }).items;
    expect(items.map((i) => i.label)).toContain('sha2_512');
    expect(items.map((i) => i.label)).not.toContain('dh19');
    expect(items[0].textEdit).toEqual({ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 20 } }, newText: items[0].label });
  });
});

describe('hover', () => {
  it('explains a keyword that needs a side in this version', () => {
    const ls = open('conn a\n\tsubnet=10.0.0.0/8\n');
    expect(hoverText(ls.hover(doc, { line: 1, character: 2 }))).toContain('leftsubnet=');
  });

  it('shows what a proposal expands to, and why Libreswan rejects a bad one', () => {
    const ls = open('conn a\n\tike=aes_gcm256\n\tesp=nonsense\n');
    expect(hoverText(ls.hover(doc, { line: 1, character: 7 }))).toContain('Libreswan will offer');
    expect(hoverText(ls.hover(doc, { line: 2, character: 7 }))).toContain('rejects this list');
  });
});

describe('code actions', () => {
  it('offers one source.fixAll that applies only safe, non-overlapping fixes', () => {
    const ls = open('conn a\n\tsalifetime=1h\n\taggrmode=no\n\tleft=192.0.2.1\n\tright=192.0.2.2\n');
    const [fixAll] = ls.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll']);
    const edits = fixAll.edit?.changes?.[doc] ?? [];
    expect(edits.map((e) => [e.range.start.line, e.newText])).toEqual([[1, 'ipsec-lifetime'], [2, 'aggressive']]);
    // Two old names of one keyword (salifetime=, keylife=) renamed alike would set it twice: not safe.
    const twice = open('conn a\n\tsalifetime=1h\n\tkeylife=1h\n\tleft=192.0.2.1\n\tright=192.0.2.2\n');
    expect(twice.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll'])).toEqual([]);
    expect(ls.codeActions(doc, { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, ['quickfix']).map((a) => a.title)).toEqual([
      "Rename to 'ipsec-lifetime'",
      'Disable obsolete-keyword for this line',
    ]);
  });

  it('offers to silence a finding on its line, and the directive does silence it', () => {
    const text = 'conn a\n\tsalifetime=1h\n\tleft=192.0.2.1\n\tright=192.0.2.2\n';
    const ls = open(text);
    const action = ls.codeActions(doc, { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, ['quickfix']).find((a) => a.title.startsWith('Disable'))!;
    const [edit] = action.edit?.changes?.[doc] ?? [];
    expect(edit).toEqual({ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } }, newText: ' # ipsec-lint disable=obsolete-keyword' });
    const lines = text.split('\n');
    lines[1] += edit.newText;
    const silenced = open(lines.join('\n'));
    expect(silenced.codeActions(doc, { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, ['quickfix'])).toEqual([]);
  });
});
