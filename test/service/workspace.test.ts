import { describe, expect, it } from 'vitest';
import { defaultSettings, type LintSettings } from '../../server/settings/lint-settings';
import { LanguageService } from '../../server/service/language-service';
import { kindOfDocument } from '../../server/service/document-kind';
import { memoryFileSystem } from './memory-file-system';

const uri = (path: string): string => `file://${path}`;

function service(files: Record<string, string>, settings: Partial<LintSettings> = {}) {
  const fs = memoryFileSystem(files);
  const ls = new LanguageService({ fs, settingsFor: () => ({ ...defaultSettings, ...settings }) });
  return { ls, fs };
}

describe('document kinds', () => {
  it('picks the grammar from a declared language id, else from the file name', () => {
    expect(kindOfDocument('/etc/ipsec.secrets', 'plaintext')).toBe('secrets');
    expect(kindOfDocument('/etc/ipsec.d/site.secrets', undefined)).toBe('secrets');
    expect(kindOfDocument('/etc/ipsec.d/policies/clear', 'plaintext')).toBe('policy');
    expect(kindOfDocument('/etc/ipsec.d/clear', undefined)).toBe('conf');
    expect(kindOfDocument('/tmp/anything.txt', 'ipsec-secrets')).toBe('secrets');
    expect(kindOfDocument('/etc/ipsec.secrets', 'ipsec-conf')).toBe('conf');
    expect(kindOfDocument('/etc/ipsec.conf', 'ipsec-policy')).toBe('policy');
  });
});

describe('the workspace index', () => {
  const files = {
    '/site/ipsec.conf': 'config setup\n\tuniqueids=yes\n\ninclude /site/ipsec.d/*.conf\n',
    '/site/ipsec.d/a.conf': 'conn a\n\talso=b\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tauto=add\n',
    '/site/ipsec.d/b.conf': 'conn b\n\tauthby=secret\n',
    '/elsewhere/c.conf': 'conn c\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tauto=add\n',
  };

  it('checks an included file in the context of the workspace ipsec.conf that includes it', () => {
    const { ls } = service(files);
    ls.setWorkspaceFolders([uri('/site')]);
    ls.openDocument(uri('/site/ipsec.d/a.conf'), 'ipsec-conf', 1, files['/site/ipsec.d/a.conf']);
    expect(ls.workspace.analysisFor('/site/ipsec.d/a.conf')?.entry).toBe('/site/ipsec.conf');
    expect(ls.diagnostics(uri('/site/ipsec.d/a.conf')).filter((d) => d.code === 'also-reference')).toEqual([]);
  });

  it('checks a file nobody includes on its own', () => {
    const { ls } = service(files);
    ls.setWorkspaceFolders([uri('/site')]);
    ls.openDocument(uri('/site/ipsec.d/a.conf'), 'ipsec-conf', 1, 'conn a\n\talso=missing\n');
    ls.openDocument(uri('/elsewhere/c.conf'), 'ipsec-conf', 1, files['/elsewhere/c.conf']);
    expect(ls.workspace.analysisFor('/elsewhere/c.conf')?.entry).toBe('/elsewhere/c.conf');
  });

  it('re-validates exactly the open documents whose include graph holds the edited file', () => {
    const { ls } = service(files);
    ls.setWorkspaceFolders([uri('/site')]);
    for (const path of ['/site/ipsec.d/a.conf', '/site/ipsec.d/b.conf', '/elsewhere/c.conf']) ls.openDocument(uri(path), 'ipsec-conf', 1, files[path as keyof typeof files]);
    expect(ls.validate().map((p) => p.uri).sort()).toEqual([uri('/elsewhere/c.conf'), uri('/site/ipsec.d/a.conf'), uri('/site/ipsec.d/b.conf')]);
    expect(ls.validate()).toEqual([]);

    ls.changeDocument(uri('/site/ipsec.d/b.conf'), 2, 'conn renamed\n\tauthby=secret\n');
    const published = ls.validate();
    expect(published.map((p) => p.uri).sort()).toEqual([uri('/site/ipsec.d/a.conf'), uri('/site/ipsec.d/b.conf')]);
    const a = published.find((p) => p.uri === uri('/site/ipsec.d/a.conf'))!;
    expect(a.diagnostics.map((d) => d.code)).toContain('also-reference');

    ls.changeDocument(uri('/elsewhere/c.conf'), 2, 'conn c\n\tauto=add\n');
    expect(ls.validate().map((p) => p.uri)).toEqual([uri('/elsewhere/c.conf')]);
  });

  it('checks an included file in its open includer whatever the order they were opened and edited in', () => {
    const outside = {
      '/x/main.conf': 'conn base\n\tauthby=secret\n\ninclude /x/small.conf\n',
      '/x/small.conf': 'conn small\n\talso=base\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tauto=add\n',
    };
    const { ls } = service(outside);
    // No workspace folder, and the includer is not called ipsec.conf: only the open files tell.
    ls.openDocument(uri('/x/small.conf'), 'ipsec-conf', 1, outside['/x/small.conf']);
    ls.openDocument(uri('/x/main.conf'), 'ipsec-conf', 1, outside['/x/main.conf']);
    const codes = (): Record<string, string[]> => Object.fromEntries(ls.validate().map((p) => [p.uri, p.diagnostics.map((d) => String(d.code))]));
    expect(codes()).toEqual({ [uri('/x/small.conf')]: [], [uri('/x/main.conf')]: [] });
    ls.changeDocument(uri('/x/small.conf'), 2, outside['/x/small.conf'].replace('auto=add', 'auto=start'));
    expect(codes()).toEqual({ [uri('/x/small.conf')]: [], [uri('/x/main.conf')]: [] });
    expect(ls.workspace.analysisFor('/x/small.conf')?.entry).toBe('/x/main.conf');
  });

  it('follows files changed on disk', () => {
    const { ls, fs } = service({ ...files });
    ls.setWorkspaceFolders([uri('/site')]);
    ls.openDocument(uri('/site/ipsec.d/a.conf'), 'ipsec-conf', 1, files['/site/ipsec.d/a.conf']);
    expect(ls.diagnostics(uri('/site/ipsec.d/a.conf')).map((d) => d.code)).not.toContain('also-reference');
    fs.files['/site/ipsec.d/b.conf'] = 'conn other\n';
    ls.fileChanged(uri('/site/ipsec.d/b.conf'));
    expect(ls.diagnostics(uri('/site/ipsec.d/a.conf')).map((d) => d.code)).toContain('also-reference');
  });

  it('indexes conns and secrets of unopened workspace files for workspace symbols', () => {
    const { ls } = service({ ...files, '/site/ipsec.secrets': '@a @b : PSK "very-secret-value"\n' });
    ls.setWorkspaceFolders([uri('/site')]);
    const names = ls.workspaceSymbols('').map((s) => s.name).sort();
    expect(names).toEqual(['@a @b', 'a', 'b']);
    expect(JSON.stringify(ls.workspaceSymbols(''))).not.toContain('very-secret');
  });

  it('uses the settings of the entry file: version-specific messages follow them', () => {
    const { ls } = service(files, { libreswanVersion: '4.10' });
    ls.openDocument(uri('/x/ipsec.conf'), 'ipsec-conf', 1, 'conn x\n\tsalifetime=1h\n');
    const [d] = ls.diagnostics(uri('/x/ipsec.conf')).filter((x) => x.code === 'obsolete-keyword');
    expect(d.message).toContain('4.10');
  });
});
