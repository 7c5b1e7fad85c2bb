import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspSession } from './lsp-session';

const fixesPath = resolve(import.meta.dirname, 'fixtures/fixes/ipsec.conf');
const fixes = fileUri(fixesPath);
const site = resolve(import.meta.dirname, 'fixtures/site/etc');
const bundledRuleDocs = `${fileUri(resolve(import.meta.dirname, '../../docs/rules'))}/`;
const at = (line: number, character: number) => ({ line, character });

/** What each quick fix at a place would change, as `title -> newText@line:character`. */
function describeActions(actions: readonly CodeAction[], uri: string): string[] {
  return actions.map((a) => {
    const edits: TextEdit[] = a.edit?.changes?.[uri] ?? [];
    return `${a.title} -> ${edits.map((e) => `${JSON.stringify(e.newText)}@${e.range.start.line}:${e.range.start.character}`).join(', ')}`;
  });
}

describe('quick fixes, fix-all and rule links over stdio', () => {
  let lsp: LspSession;
  const warnings: string[] = [];
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    lsp = new LspSession();
    lsp.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 2) warnings.push(p.message);
    });
    // As the VS Code extension starts it: the rule pages it ships are linked unless a URL is configured.
    await lsp.initialize(null, { diagnosticsDelay: 10, bundledRuleDocs, settings: { libreswanVersion: '5.2', fips: true, cryptoPolicy: 'DEFAULT' } });
    await lsp.open(fixes, readFileSync(fixesPath, 'utf8'));
    diagnostics = await lsp.waitForDiagnostics(fixes, (d) => d.length > 0);
  });

  afterAll(async () => {
    expect(await lsp.shutdown()).toBe(0);
  });

  const quickFixes = async (line: number, character: number): Promise<string[]> => {
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fixes },
      range: { start: at(line, character), end: at(line, character) },
      context: { diagnostics: diagnostics.filter((d) => d.range.start.line === line), only: ['quickfix'] },
    });
    expect(actions.every((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1)).toBe(true);
    // Every finding also offers a suppression comment; that one has its own test below.
    const silence = actions.filter((a) => a.title.startsWith('Disable '));
    expect(silence.length).toBeGreaterThan(0);
    return describeActions(actions.filter((a) => !silence.includes(a)), fixes);
  };

  it('offers a suppression comment for each rule found on the line', async () => {
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fixes },
      range: { start: at(7, 3), end: at(7, 3) },
      context: { diagnostics: diagnostics.filter((d) => d.range.start.line === 7), only: ['quickfix'] },
    });
    const silence = describeActions(actions.filter((a) => a.title.startsWith('Disable ')), fixes);
    expect(silence).toEqual(['Disable unknown-keyword for this line -> " # ipsec-lint disable=unknown-keyword"@7:14']);
  });

  it('links every rule finding to its page in the bundled copy, which exists', () => {
    const withPages = diagnostics.filter((d) => d.codeDescription);
    expect(withPages).toHaveLength(diagnostics.length);
    for (const d of withPages) {
      expect(d.codeDescription!.href).toBe(`${bundledRuleDocs}${String(d.code)}.md`);
      expect(existsSync(fileURLToPath(d.codeDescription!.href)), d.codeDescription!.href).toBe(true);
    }
  });

  it('points a duplicate at the first value as related information, and tags an old name deprecated', () => {
    const duplicate = diagnostics.find((d) => d.code === 'duplicate-key')!;
    expect(duplicate.range.start).toEqual(at(12, 0));
    expect(duplicate.relatedInformation).toEqual([{ location: { uri: fixes, range: { start: at(11, 0), end: at(11, 23) } }, message: 'first set here' }]);
    expect(diagnostics.find((d) => d.code === 'obsolete-keyword')!.tags).toEqual([2]);
  });

  it('renames an old keyword', async () => {
    expect(await quickFixes(10, 3)).toEqual(["Rename to 'ipsec-lifetime' -> \"ipsec-lifetime\"@10:1"]);
  });

  it('adds the missing left or right prefix', async () => {
    expect(await quickFixes(6, 3)).toEqual(["Change to 'leftsubnet' -> \"leftsubnet\"@6:1", "Change to 'rightsubnet' -> \"rightsubnet\"@6:1"]);
  });

  it('corrects a misspelt keyword to the one it was meant to be', async () => {
    expect(await quickFixes(7, 3)).toEqual(["Change to 'rekeymargin' -> \"rekeymargin\"@7:1"]);
  });

  it('replaces an algorithm FIPS mode refuses with approved ones', async () => {
    const titles = await quickFixes(9, 8);
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t).toMatch(/^Replace 'chacha20_poly1305' with '(aes\w*)' -> "\1"@9:5$/);
  });

  it('adds the crypto-policy include after config setup', async () => {
    expect(await quickFixes(0, 3)).toEqual([
      "Add 'include /etc/crypto-policies/back-ends/libreswan.config' -> \"include /etc/crypto-policies/back-ends/libreswan.config\\n\"@3:0",
    ]);
  });

  it('offers one source.fixAll with every unambiguous fix and none that needs a choice', async () => {
    for (const only of [['source.fixAll'], ['source']]) {
      const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: fixes },
        range: { start: at(0, 0), end: at(0, 0) },
        context: { diagnostics: [], only },
      });
      expect(actions.map((a) => a.kind)).toEqual(['source.fixAll']);
      // Which AES mode is a person's choice, so fix-all leaves it alone; `subnet=` is
      // spelt out as rightsubnet= because this release already reads it as the right end.
      expect(describeActions(actions, fixes)[0].split(' -> ')[1]).toBe('"rekeymargin"@7:1, "rightsubnet"@6:1, "ipsec-lifetime"@10:1');
    }
  });

  it('follows a configured docsBaseUrl, and says so when one is not a URL', async () => {
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ipsecLint: { fips: true, docsBaseUrl: 'https://docs.example.org/ipsec-lint/rules' } } });
    const mirrored = await lsp.waitForDiagnostics(fixes, (d) => d.some((x) => x.codeDescription?.href.startsWith('https://docs.example.org/')));
    expect(mirrored.map((d) => d.codeDescription?.href)).toContain('https://docs.example.org/ipsec-lint/rules/unknown-keyword.md');
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ipsecLint: { fips: true, docsBaseUrl: 'not a url' } } });
    const fallback = await lsp.waitForDiagnostics(fixes, (d) => d.some((x) => x.codeDescription?.href.startsWith(bundledRuleDocs)));
    expect(fallback.every((d) => d.codeDescription?.href.startsWith(bundledRuleDocs))).toBe(true);
    expect(warnings).toContainEqual(expect.stringContaining("ipsecLint.docsBaseUrl: 'not a url' is not a URL"));
  });

  it('completes algorithms in FIPS mode: approved first, the refused ones last and struck through', async () => {
    const list = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: fixes }, position: at(9, 5) });
    const sorted = [...list.items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    const firstRefused = sorted.findIndex((i) => i.tags?.includes(1));
    expect(firstRefused).toBeGreaterThan(0);
    expect(sorted.slice(0, firstRefused).map((i) => i.label)).toContain('aes_gcm_16');
    expect(sorted.slice(firstRefused).map((i) => i.label)).toContain('chacha20_poly1305');
    expect(sorted.slice(firstRefused).every((i) => i.tags?.includes(1) && String(i.detail).includes('not allowed in FIPS mode'))).toBe(true);
  });

  it('completes the part of a proposal under the cursor, replacing the whole name', async () => {
    // `ike=aes256-sha2_|256-dh19`: PRF names, replacing `sha2_256`.
    const list = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: fixes }, position: at(8, 17) });
    const labels = list.items.map((i) => i.label);
    expect(labels).toContain('sha2_512');
    expect(labels).not.toContain('dh19');
    expect(list.items[0].textEdit).toMatchObject({ range: { start: at(8, 12), end: at(8, 20) } });
  });

  it('completes include paths below the root the project settings map / to', async () => {
    const uri = fileUri(resolve(site, 'ipsec.conf'));
    await lsp.open(uri, 'config setup\n\tuniqueids=yes\n\ninclude /etc/ipsec.d/\n');
    const list = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(3, 21) });
    expect(list.items.map((i) => i.label)).toEqual(['policies/', 'base.conf', 'west.conf', '*.conf']);
    expect(list.items[1].textEdit).toMatchObject({ range: { start: at(3, 21), end: at(3, 21) }, newText: 'base.conf' });
  });

  it('offers folders first, with their slash, so a path can be walked down', async () => {
    const uri = fileUri(resolve(site, 'ipsec.conf'));
    await lsp.open(uri, 'config setup\n\tuniqueids=yes\n\ninclude /etc/\n');
    const list = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(3, 13) });
    const folder = list.items.find((i) => i.label === 'ipsec.d/');
    expect(folder).toMatchObject({ kind: 19, textEdit: { newText: 'ipsec.d/' } });
    expect(list.items.findIndex((i) => i.kind !== 19)).toBeGreaterThan(list.items.indexOf(folder!));
  });
});
