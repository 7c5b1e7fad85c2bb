import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspSession } from '../lsp/lsp-session';

/*
 * Reproduction 7 of issue 15, against the built server over stdio: a bad header left it deaf,
 * `params: null` got an internal error, and one heavy document blocked every request.
 */

let lsp: LspSession | undefined;
afterEach(() => {
  lsp?.kill();
  lsp = undefined;
});

const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const light = 'conn light\n\tleft=192.0.2.1\n\tright=192.0.2.2\n';

/** Resolves when the raw output matches, or fails after `ms`. */
async function rawOutputMatches(session: LspSession, pattern: RegExp, ms = 20_000): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const m = pattern.exec(session.rawOutput);
    if (m) return m[0];
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no ${pattern} in ${session.rawOutput.slice(-500)}`);
}

describe('the language server under bad input', () => {
  it('answers "Content-Length: abc" with ParseError and goes on understanding the next messages', async () => {
    lsp = new LspSession();
    await lsp.initialize(null);
    lsp.writeRaw('Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"x"}');
    lsp.writeRaw('Content-Length: 99999999999999\r\n\r\n');
    await rawOutputMatches(lsp, /"id":null,"error":\{"code":-32700,"message":"Parse error: Content-Length must be a number/);
    await rawOutputMatches(lsp, /"code":-32700,"message":"Parse error: Content-Length 99999999999999 is over the limit/);
    // Still listening: a real request after the bad ones is answered.
    const uri = 'file:///tmp/hardening-lsp/after-bad-header.conf';
    await lsp.open(uri, light);
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(['light']);
  });

  it('answers params: null (and other non-objects) with InvalidParams, not an internal error', async () => {
    lsp = new LspSession();
    await lsp.initialize(null);
    for (const [id, params] of [[101, 'null'], [102, '7'], [103, '"x"']] as const) {
      lsp.writeRaw(frame(`{"jsonrpc":"2.0","id":${id},"method":"textDocument/hover","params":${params}}`));
      await rawOutputMatches(lsp, new RegExp(`"id":${id},"error":\\{"code":-32602`));
    }
    expect(lsp.rawOutput).not.toContain('-32603');
  });

  it('answers a request cancelled before it ran with RequestCancelled', async () => {
    lsp = new LspSession();
    await lsp.initialize(null);
    const uri = 'file:///tmp/hardening-lsp/cancel.conf';
    await lsp.open(uri, light);
    // One write: the cancel arrives while the request still waits in the queue.
    lsp.writeRaw(
      frame(`{"jsonrpc":"2.0","id":201,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"${uri}"}}}`) +
        frame('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":201}}'),
    );
    await rawOutputMatches(lsp, /"id":201,"error":\{"code":-32800/);
  });

  it('answers requests for other documents while a heavy one is checked, and stops that check past its budget', async () => {
    lsp = new LspSession();
    await lsp.initialize(null, { diagnosticsDelay: 0, checkTimeBudget: 300 });
    const heavy = 'file:///tmp/hardening-lsp/heavy.conf';
    const other = 'file:///tmp/hardening-lsp/other.conf';
    await lsp.open(other, light);
    await lsp.waitForDiagnostics(other);
    // Thousands of conns: seconds of rules (under the size ceiling), far past a 300 ms budget.
    let text = '';
    for (let i = 0; i < 6000; i++) text += `conn c${i}\n\tleft=192.0.2.${i % 250}\n\tright=198.51.100.${i % 250}\n\tleftsubnett=10.${i % 250}.0.0/16\n\tauto=add\n`;
    await lsp.open(heavy, text);
    const started = Date.now();
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = Date.now();
      const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: other } });
      expect(symbols.map((s) => s.name)).toEqual(['light']);
      answers.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    const stopped = await lsp.waitForDiagnostics(heavy, (d) => d.some((x) => String(x.message).startsWith('checks stopped')));
    expect(stopped).toHaveLength(1);
    // Each answer came while the heavy document was being checked (a busy machine allows some slack).
    expect(Math.max(...answers)).toBeLessThan(1000);
    expect(Date.now() - started).toBeLessThan(20_000);
    // An edit gives the document another chance; a small one is checked in full.
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: heavy, version: 2 }, contentChanges: [{ text: light.replace('light', 'small') }] });
    await lsp.waitForDiagnostics(heavy, (d) => !d.some((x) => String(x.message).startsWith('checks stopped')));
  });
});
