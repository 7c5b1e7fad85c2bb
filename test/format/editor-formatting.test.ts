import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../grammar/line-index';
import { resolveFormatOptions } from '../../server/format';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { ServerSettings } from '../../server/lsp/settings';
import { formatDocument } from '../../server/service/format';
import { LanguageService, type ServiceRefusal } from '../../server/service/language-service';
import { pathToUri } from '../../server/service/uris';

/*
 * The editor path (textDocument/formatting and rangeFormatting) through the language service
 * with the LSP's own settings reader: the editor's FormattingOptions choose the indent, a
 * `.ipsec-lint.json` `format` section wins over them, and the text is what the CLI's
 * formatDocument writes.
 */

const messy = 'conn west\n    left = 192.0.2.1\n\n\n  right=192.0.2.2\nconn east\n  auto=add\n';
const spaces = { tabSize: 2, insertSpaces: true };
const tabs = { tabSize: 8, insertSpaces: false };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-editor-format-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function serviceFor(files: Record<string, string>): { service: LanguageService; uri: (name: string) => string } {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const settings = new ServerSettings();
  const service = new LanguageService({ fs: nodeFileSystem, settingsFor: settings.settingsFor, formatSettingsFor: settings.formatSettingsFor });
  const uri = (name: string): string => pathToUri(join(dir, name));
  for (const name of Object.keys(files)) if (!name.endsWith('.json')) service.openDocument(uri(name), undefined, 1, files[name]);
  return { service, uri };
}

function edits(result: TextEdit[] | ServiceRefusal): TextEdit[] {
  if ('refused' in result) throw new Error(result.refused);
  return result;
}

/** Applies non-overlapping edits, last first, so earlier offsets stay valid. */
function applied(text: string, list: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const offset = (p: TextEdit['range']['start']): number => index.offsetAt(p.line, p.character);
  let out = text;
  for (const e of [...list].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('editor formatting', () => {
  it("follows the editor's FormattingOptions when no .ipsec-lint.json says otherwise", () => {
    const { service, uri } = serviceFor({ 'ipsec.conf': messy });
    expect(edits(service.formatting(uri('ipsec.conf'), spaces))[0].newText).toBe('conn west\n  left=192.0.2.1\n\n  right=192.0.2.2\n\nconn east\n  auto=add\n');
    expect(edits(service.formatting(uri('ipsec.conf'), tabs))[0].newText).toBe('conn west\n\tleft=192.0.2.1\n\n\tright=192.0.2.2\n\nconn east\n\tauto=add\n');
  });

  it('takes format.indent from the nearest .ipsec-lint.json over the editor, for whole documents and ranges', () => {
    const { service, uri } = serviceFor({ '.ipsec-lint.json': JSON.stringify({ format: { indent: 3 } }), 'etc/ipsec.conf': messy });
    const doc = uri('etc/ipsec.conf');
    for (const editor of [spaces, tabs]) {
      expect(edits(service.formatting(doc, editor))[0].newText).toBe('conn west\n   left=192.0.2.1\n\n   right=192.0.2.2\n\nconn east\n   auto=add\n');
      const range = edits(service.rangeFormatting(doc, { start: { line: 6, character: 0 }, end: { line: 6, character: 4 } }, editor));
      expect(range.map((e) => e.newText)).toEqual(['   auto=add\n']);
    }
  });

  it('writes what the command line writes (one code path), secrets files included', () => {
    const secrets = '@west   @east :  PSK "editor-test-not-a-secret"\n\n\n@a @b : PSK "x"\n';
    const { service, uri } = serviceFor({ 'ipsec.conf': messy, 'ipsec.secrets': secrets });
    for (const [name, text, kind] of [['ipsec.conf', messy, 'conf'], ['ipsec.secrets', secrets, 'secrets']] as const) {
      const cli = formatDocument(text, kind, resolveFormatOptions(undefined, spaces));
      expect(cli.ok).toBe(true);
      // A secrets buffer gets blank-only edits (no secret in the response); applied, they give the same text.
      expect(applied(text, edits(service.formatting(uri(name), spaces)))).toBe(cli.ok ? cli.text : '');
    }
  });

  it('refuses a file with syntax errors instead of half-formatting it', () => {
    const { service, uri } = serviceFor({ 'ipsec.conf': 'conn west\n    left=192.0.2.1 192.0.2.9\n' });
    const result = service.formatting(uri('ipsec.conf'), tabs);
    expect('refused' in result && result.refused).toContain('syntax error');
  });
});
