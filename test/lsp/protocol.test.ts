import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, SemanticTokens,
  SymbolInformation, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { fileUri, LspSession } from './lsp-session';

const site = resolve(import.meta.dirname, 'fixtures/site');
const etc = resolve(site, 'etc');
const westPath = resolve(etc, 'ipsec.d/west.conf');
const basePath = resolve(etc, 'ipsec.d/base.conf');
const secretsPath = resolve(etc, 'ipsec.secrets');
const policyPath = resolve(etc, 'ipsec.d/policies/private');
const west = fileUri(westPath);
const base = fileUri(basePath);
const secrets = fileUri(secretsPath);
const westText = readFileSync(westPath, 'utf8');
const baseText = readFileSync(basePath, 'utf8');

function hoverText(hover: Hover | null): string {
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

const at = (line: number, character: number) => ({ line, character });

describe('ipsec-language-server over stdio', () => {
  let lsp: LspSession;

  beforeAll(async () => {
    lsp = new LspSession();
    const init = await lsp.initialize(site);
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.renameProvider).toEqual({ prepareProvider: true });
    expect(init.capabilities.semanticTokensProvider).toBeDefined();
    await lsp.open(west, westText);
  });

  afterAll(async () => {
    expect(await lsp.shutdown()).toBe(0);
  });

  it('publishes diagnostics with rule ids, docs links and deprecated tags, in the context of the including ipsec.conf', async () => {
    const diagnostics = await lsp.waitForDiagnostics(west, (d) => d.length > 0);
    const byRule = new Map(diagnostics.map((d) => [d.code, d]));
    // also=base resolves because ipsec.conf includes both files (and .ipsec-lint.json maps / to the site folder).
    expect(byRule.has('also-reference')).toBe(false);
    const renamed = byRule.get('obsolete-keyword')!;
    expect(renamed.range.start).toEqual(at(6, 1));
    expect(renamed.tags).toEqual([2]);
    expect(renamed.message).toContain('Libreswan 5.2');
    const unknown = byRule.get('unknown-keyword')!;
    expect(unknown.severity).toBe(1);
    expect(unknown.message).toContain("did you mean 'rekeymargin'");
    // No client sent a docs URL: the repository named in package.json.
    expect(unknown.codeDescription?.href).toBe('https://github.com/ipsec-lint/ipsec-lint/blob/main/docs/rules/unknown-keyword.md');
    expect(unknown.source).toBe('ipsec-lint');
    expect(byRule.get('invalid-value')?.range.start).toEqual(at(7, 6));
  });

  it('hovers a keyword with its documentation and version notes', async () => {
    const hover = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri: west }, position: at(6, 3) });
    const text = hoverText(hover);
    expect(text).toContain('**salifetime**');
    expect(text).toContain('ipsec-lifetime');
    expect(hover.range).toEqual({ start: at(6, 1), end: at(6, 11) });
  });

  it('hovers a conn name with its effective settings and where each value comes from', async () => {
    const text = hoverText(await lsp.request<Hover>('textDocument/hover', { textDocument: { uri: west }, position: at(0, 7) }));
    expect(text).toContain('**conn west-east**');
    expect(text).toMatch(/\| ike \| `aes256-sha2_256-dh19` \| ipsec\.d\/base\.conf:3 \(also=base\) \|/);
    expect(text).toMatch(/\| leftsubnet \| `10\.1\.0\.0\/24` \| ipsec\.d\/west\.conf:5 \|/);
  });

  it('hovers a proposal with what Libreswan will offer', async () => {
    await lsp.open(base, baseText);
    const text = hoverText(await lsp.request<Hover>('textDocument/hover', { textDocument: { uri: base }, position: at(2, 8) }));
    expect(text).toContain('Libreswan will offer');
    expect(text).toMatch(/AES_CBC_256-HMAC_SHA2_256_128-HMAC_SHA2_256|AES_CBC_256/);
  });

  it('completes keywords for the section, with left/right forms', async () => {
    const list = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: west }, position: at(12, 1) });
    const labels = list.items.map((i) => i.label);
    expect(labels).toContain('leftsubnet');
    expect(labels).toContain('rightsubnet');
    expect(labels).toContain('ike');
    // `left` and `auto` are set in that conn already.
    expect(labels).not.toContain('auto');
    expect(labels).not.toContain('subnet');
    expect(labels).not.toContain('logfile');
  });

  it('completes enum values, conn names in also= and algorithms at the cursor part', async () => {
    const values = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: west }, position: at(7, 9) });
    expect(values.items.map((i) => i.label)).toEqual(expect.arrayContaining(['start', 'add', 'ondemand']));
    expect(values.items[0].textEdit).toMatchObject({ range: { start: at(7, 6), end: at(7, 9) } });
    const conns = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: west }, position: at(1, 6) });
    expect(conns.items.map((i) => i.label).sort()).toEqual(['base', 'west-north']);
    const prf = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: base }, position: at(2, 12) });
    const prfLabels = prf.items.map((i) => i.label);
    expect(prfLabels).toEqual(expect.arrayContaining(['hmac_sha2_256', 'sha2_256']));
    expect(prfLabels).not.toContain('aes_cbc');
    const ke = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: base }, position: at(2, 23) });
    expect(ke.items.map((i) => i.label)).toEqual(expect.arrayContaining(['dh19', 'modp2048']));
  });

  it('goes to the definition of an also= target and of an include, and finds references across files', async () => {
    const definition = await lsp.request<Location[]>('textDocument/definition', { textDocument: { uri: west }, position: at(1, 7) });
    expect(definition).toEqual([{ uri: base, range: { start: at(0, 5), end: at(0, 9) } }]);
    const refs = await lsp.request<Location[]>('textDocument/references', { textDocument: { uri: base }, position: at(0, 6), context: { includeDeclaration: true } });
    expect(refs.map((r) => `${r.uri === base ? 'base' : r.uri === west ? 'west' : r.uri}:${r.range.start.line}`).sort()).toEqual(['base:0', 'west:1', 'west:11']);
    const confUri = fileUri(resolve(etc, 'ipsec.conf'));
    await lsp.open(confUri, readFileSync(resolve(etc, 'ipsec.conf'), 'utf8'));
    const includes = await lsp.request<Location[]>('textDocument/definition', { textDocument: { uri: confUri }, position: at(5, 12) });
    expect(includes.map((l) => l.uri).sort()).toEqual([base, west]);
  });

  it('renames a conn in its header and every also=, and refuses a name Libreswan cannot read', async () => {
    const prepare = await lsp.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: west }, position: at(1, 6) });
    expect(prepare.placeholder).toBe('base');
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: west }, position: at(1, 6), newName: 'core' });
    expect(edit.changes?.[base]).toEqual([{ range: { start: at(0, 5), end: at(0, 9) }, newText: 'core' }]);
    expect(edit.changes?.[west]?.map((e) => e.range.start.line)).toEqual([1, 11]);
    await expect(lsp.request('textDocument/rename', { textDocument: { uri: west }, position: at(1, 6), newName: 'two words' })).rejects.toMatchObject({ code: -32602 });
  });

  it('lists document symbols, workspace symbols (conns and secrets, never a secret) and folding ranges', async () => {
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: west } });
    expect(symbols.map((s) => s.name)).toEqual(['west-east', 'west-north']);
    expect(symbols[0].children?.map((c) => c.name)).toContain('leftsubnet');
    expect(symbols[0].range).toEqual({ start: at(0, 0), end: at(8, 14) });
    const found = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: 'north' });
    expect(found.map((s) => s.name)).toEqual(expect.arrayContaining(['west-north', '@west @north']));
    expect(JSON.stringify(found)).not.toMatch(/sup3r|c3VwM3Ir/);
    const folds = await lsp.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: west } });
    expect(folds.map((f) => [f.startLine, f.endLine])).toEqual([[0, 8], [10, 14]]);
  });

  it('returns semantic tokens that mark an old keyword name deprecated', async () => {
    const tokens = await lsp.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: west } });
    expect(tokens.data.length % 5).toBe(0);
    // Decode: find the token on line 6 (salifetime) and check its deprecated bit (modifier index 1).
    let line = 0;
    let character = 0;
    const decoded: { line: number; character: number; length: number; type: number; modifiers: number }[] = [];
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      character = tokens.data[i] === 0 ? character + tokens.data[i + 1] : tokens.data[i + 1];
      decoded.push({ line, character, length: tokens.data[i + 2], type: tokens.data[i + 3], modifiers: tokens.data[i + 4] });
    }
    const salifetime = decoded.find((t) => t.line === 6 && t.character === 1)!;
    expect(salifetime).toMatchObject({ length: 10, type: 1, modifiers: 2 });
    const alsoValue = decoded.find((t) => t.line === 1 && t.character === 6)!;
    expect(alsoValue.type).toBe(9);
  });

  it('offers quick fixes from the rules and a source.fixAll', async () => {
    const diagnostics = await lsp.waitForDiagnostics(west, (d) => d.length > 0);
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: west },
      range: { start: at(6, 3), end: at(6, 3) },
      context: { diagnostics: diagnostics.filter((d) => d.range.start.line === 6) },
    });
    const rename = actions.find((a) => a.kind === 'quickfix')!;
    expect(rename.title).toBe("Rename to 'ipsec-lifetime'");
    expect(rename.isPreferred).toBe(true);
    expect(rename.edit?.changes?.[west]).toEqual([{ range: { start: at(6, 1), end: at(6, 11) }, newText: 'ipsec-lifetime' }]);
    const fixAll = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: west },
      range: { start: at(0, 0), end: at(0, 0) },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(fixAll).toHaveLength(1);
    const edits = fixAll[0].edit?.changes?.[west] ?? [];
    expect(edits.map((e) => e.newText)).toEqual(expect.arrayContaining(['ipsec-lifetime', 'rekeymargin']));
  });

  it('follows a settings change: in FIPS mode the algorithms FIPS refuses are struck through', async () => {
    const chacha = async (): Promise<CompletionItem | undefined> =>
      (await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: base }, position: at(2, 5) })).items.find((i) => i.label === 'chacha20_poly1305');
    expect((await chacha())?.tags).toBeUndefined();
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ipsecLint: { fips: true } } });
    expect(await chacha()).toMatchObject({ tags: [1], detail: expect.stringContaining('not allowed in FIPS mode') });
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ipsecLint: {} } });
    expect((await chacha())?.tags).toBeUndefined();
  });

  it('re-validates the files that depend on an edited one', async () => {
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: base, version: 2 },
      contentChanges: [{ range: { start: at(0, 5), end: at(0, 9) }, text: 'basis' }],
    });
    const broken = await lsp.waitForDiagnostics(west, (d) => d.some((x) => x.code === 'also-reference'));
    expect(broken.filter((d) => d.code === 'also-reference').map((d) => d.range.start.line)).toEqual([1, 11]);
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: base, version: 3 },
      contentChanges: [{ range: { start: at(0, 5), end: at(0, 10) }, text: 'base' }],
    });
    await lsp.waitForDiagnostics(west, (d) => d.length > 0 && !d.some((x) => x.code === 'also-reference'));
  });

  it('reads ipsec.secrets without ever showing a secret', async () => {
    const text = readFileSync(secretsPath, 'utf8');
    await lsp.open(secrets, text, 'plaintext');
    const hover = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri: secrets }, position: at(1, 30) });
    const shown = hoverText(hover);
    expect(shown).toContain('pre-shared key');
    expect(shown).toContain('24 characters');
    const all = JSON.stringify([
      hover,
      await lsp.request('textDocument/hover', { textDocument: { uri: secrets }, position: at(2, 25) }),
      await lsp.request('textDocument/documentSymbol', { textDocument: { uri: secrets } }),
      await lsp.request('textDocument/semanticTokens/full', { textDocument: { uri: secrets } }),
      await lsp.request('textDocument/completion', { textDocument: { uri: secrets }, position: at(1, 22) }),
      await lsp.waitForDiagnostics(secrets),
    ]);
    expect(all).not.toMatch(/sup3r|c3VwM3Ir/);
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: secrets } });
    expect(symbols.map((s) => `${s.name}:${s.detail}`)).toEqual(['192.0.2.1 192.0.2.2:PSK', '@west @north:PSK']);
  });

  it('reads a policy group file by its path', async () => {
    const uri = fileUri(policyPath);
    await lsp.open(uri, readFileSync(policyPath, 'utf8'), 'plaintext');
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(['192.0.2.0/24', '198.51.100.0/24']);
    expect(await lsp.waitForDiagnostics(uri)).toEqual([]);
  });

  it('clears diagnostics when a document closes', async () => {
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: west } });
    await lsp.waitForDiagnostics(west, (d) => d.length === 0);
  });
});

describe('ipsec-language-server under abuse', () => {
  let lsp: LspSession;
  const scratch = 'untitled:Untitled-1';

  beforeAll(async () => {
    lsp = new LspSession();
    await lsp.initialize(null);
    await lsp.open(scratch, 'conn a\n\tauto=add\n');
  });

  afterAll(async () => {
    expect(await lsp.shutdown()).toBe(0);
  });

  const stillServing = async (): Promise<void> => {
    const hover = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri: scratch }, position: at(1, 2) });
    expect(hoverText(hover)).toContain('**auto**');
  };

  it('answers positions past the end of the file with nothing', async () => {
    expect(await lsp.request('textDocument/hover', { textDocument: { uri: scratch }, position: at(9999, 0) })).toBeNull();
    expect(await lsp.request('textDocument/hover', { textDocument: { uri: scratch }, position: at(1, 9999) })).toBeNull();
    expect(await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: scratch }, position: at(9999, 3) })).toEqual({ isIncomplete: false, items: [] });
    expect(await lsp.request('textDocument/definition', { textDocument: { uri: scratch }, position: at(500, 500) })).toEqual([]);
    expect(await lsp.request('textDocument/hover', { textDocument: { uri: 'file:///never/opened.conf' }, position: at(0, 0) })).toBeNull();
    await stillServing();
  });

  it('rejects malformed params with InvalidParams, unknown methods with MethodNotFound', async () => {
    await expect(lsp.request('textDocument/hover', { textDocument: { uri: scratch }, position: 'top' })).rejects.toMatchObject({ code: -32602 });
    await expect(lsp.request('textDocument/hover', { position: at(0, 0) })).rejects.toMatchObject({ code: -32602 });
    await expect(lsp.request('textDocument/completion', { textDocument: { uri: scratch }, position: { line: -1, character: 0 } })).rejects.toMatchObject({ code: -32602 });
    await expect(lsp.request('textDocument/codeAction', { textDocument: { uri: scratch } })).rejects.toMatchObject({ code: -32602 });
    await expect(lsp.request('ipsec/doesNotExist', {})).rejects.toMatchObject({ code: -32601 });
    await stillServing();
  });

  it('survives notifications with missing or wrong params, and edits to documents it never opened', async () => {
    await lsp.connection.sendNotification('textDocument/didOpen', {});
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:no-text', languageId: 'ipsec-conf', version: 1 } });
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'untitled:never-opened', version: 2 }, contentChanges: [{ text: 'conn x\n' }] });
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: scratch, version: 2 }, contentChanges: 'everything' });
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'untitled:never-opened' } });
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ipsecLint: { libreswanVersion: 42, rules: 'all' } } });
    await lsp.connection.sendNotification('ipsec/unknownNotification', { anything: true });
    await stillServing();
    expect(lsp.exitCode).toBeNull();
  });

  it('answers a message that is not JSON with a Parse error and keeps serving', async () => {
    const body = '{"jsonrpc":"2.0","id":77,"method":';
    lsp.writeRaw(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await stillServing();
    expect(lsp.rawOutput).toMatch(/"id":null,"error":\{"code":-32700/);
  });

  it('declines to analyse a 5 MB file, says so, and keeps serving', async () => {
    const uri = 'file:///tmp/ipsec-lint-huge/ipsec.conf';
    const block = 'conn c\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tauto=add\n\n';
    const text = block.repeat(Math.ceil((5 * 1024 * 1024) / block.length));
    const started = Date.now();
    await lsp.open(uri, text);
    const diagnostics = await lsp.waitForDiagnostics(uri);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toContain('too large');
    expect(await lsp.request('textDocument/hover', { textDocument: { uri }, position: at(1, 2) })).toBeNull();
    expect(await lsp.request('textDocument/documentSymbol', { textDocument: { uri } })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
    await stillServing();
  });

  it('reports a binary file instead of reading it, and keeps serving', async () => {
    const uri = 'file:///tmp/ipsec-lint-binary/ipsec.conf';
    const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x0a, 0x00, 0x63]);
    await lsp.open(uri, bytes.toString('latin1'));
    const diagnostics = await lsp.waitForDiagnostics(uri);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('binary file')]);
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink']) {
      expect(await lsp.request(method, { textDocument: { uri } })).toEqual([]);
    }
    expect(await lsp.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } })).toEqual({ data: [] });
    await stillServing();
  });

  it('formats a document and a range, and leaves a file with syntax errors alone', async () => {
    const uri = 'untitled:Untitled-3';
    await lsp.open(uri, 'conn a\n    left=192.0.2.1\n\n\n\nconn b\n  auto=add\n');
    const options = { tabSize: 4, insertSpaces: false };
    const whole = await lsp.request<{ range: unknown; newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options });
    expect(whole).toHaveLength(1);
    expect(whole[0].newText).toBe('conn a\n\tleft=192.0.2.1\n\nconn b\n\tauto=add\n');
    const range = await lsp.request<{ range: { start: { line: number } }; newText: string }[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: at(6, 0), end: at(6, 3) },
      options,
    });
    expect(range.map((e) => e.newText)).toEqual(['\tauto=add\n']);
    const broken = 'untitled:Untitled-4';
    await lsp.open(broken, 'conn a\n\tleft 192.0.2.1 =\n"unclosed\n');
    expect(await lsp.request('textDocument/formatting', { textDocument: { uri: broken }, options })).toBeNull();
    await expect(lsp.request('textDocument/formatting', { textDocument: { uri }, options: {} })).rejects.toMatchObject({ code: -32602 });
  });

  it('links a plain include to its file', async () => {
    const confPath = resolve(site, 'etc/ipsec.d/base.conf');
    const uri = 'untitled:Untitled-2';
    await lsp.open(uri, `include ${confPath}\n`);
    const links = await lsp.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    expect(links).toEqual([{ range: { start: at(0, 8), end: at(0, 8 + confPath.length) }, target: fileUri(confPath), tooltip: confPath }]);
  });
});

describe('settings from the client', () => {
  it('pulls the ipsecLint section, and keeps the initialize settings when the client has none', async () => {
    const lsp = new LspSession();
    const asked: unknown[] = [];
    let answer: unknown = null;
    lsp.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      asked.push(params.items);
      return [answer];
    });
    await lsp.initialize(null, { diagnosticsDelay: 10, settings: { libreswanVersion: '4.10' } }, { workspace: { configuration: true } });
    const uri = 'untitled:settings';
    await lsp.open(uri, 'conn a\n\tsalifetime=1h\n');
    await lsp.waitForDiagnostics(uri, (d) => d.some((x) => String(x.message).includes('Libreswan 4.10')));
    await new Promise((done) => setTimeout(done, 100));
    expect(asked).toEqual([[{ section: 'ipsecLint' }]]);
    const hover = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(1, 2) });
    expect(hoverText(hover)).toContain('Libreswan 4.10');
    answer = { libreswanVersion: '5.0' };
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await lsp.waitForDiagnostics(uri, (d) => d.some((x) => String(x.message).includes('Libreswan 5.0')));
    expect(await lsp.shutdown()).toBe(0);
  });
});

describe('server process', () => {
  it('exits with status 1 on exit without shutdown, as the protocol asks', async () => {
    const lsp = new LspSession();
    await lsp.initialize(null);
    await lsp.connection.sendNotification('exit');
    expect(await lsp.exited).toBe(1);
    lsp.connection.dispose();
  });

  it('prints usage and fails without a transport', async () => {
    const lsp = new LspSession([]);
    expect(await lsp.exited).toBe(2);
    expect(lsp.rawOutput).toContain('Usage: ipsec-language-server --stdio');
    lsp.connection.dispose();
  });
});

export type { Diagnostic };
