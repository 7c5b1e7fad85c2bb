import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
  type Diagnostic, type InitializeResult, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER_BUNDLE = resolve(import.meta.dirname, '../../dist/ipsec-language-server.cjs');

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A real client over the bundled server's stdio: the same bytes an editor sends. */
export class LspSession {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Everything the server wrote, to check responses the client library does not surface. */
  rawOutput = '';
  stderr = '';
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: { uri: string; test: (d: Diagnostic[]) => boolean; done: (d: Diagnostic[]) => void }[] = [];
  exitCode: number | null = null;
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[] = ['--stdio']) {
    this.process = spawn(process.execPath, [SERVER_BUNDLE, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((done) => this.process.on('exit', (code) => done((this.exitCode = code))));
    this.process.stdout!.on('data', (chunk: Buffer) => (this.rawOutput += chunk.toString('utf8')));
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.test(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.done(p.diagnostics);
        }
      }
    });
    // The server logs to the client; a test has nothing to show it to.
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(rootPath: string | null, initializationOptions: unknown = { diagnosticsDelay: 10 }, capabilities: object = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: rootPath ? fileUri(rootPath) : null,
      workspaceFolders: rootPath ? [{ uri: fileUri(rootPath), name: 'site' }] : null,
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result as InitializeResult;
  }

  /** Resolves with the first diagnostics for `uri` (already received or to come) that pass `test`. */
  waitForDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const known = this.diagnostics.get(uri);
    if (known && test(known)) return Promise.resolve(known);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri))}`)), timeoutMs);
      this.waiters.push({ uri, test, done: (d) => (clearTimeout(timer), done(d)) });
    });
  }

  open(uri: string, text: string, languageId = 'ipsec-conf', version = 1): Promise<void> {
    this.diagnostics.delete(uri);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Writes bytes straight to the server's stdin, around the client library. */
  writeRaw(text: string): void {
    this.process.stdin!.write(text);
  }

  async shutdown(): Promise<number | null> {
    if (this.exitCode === null) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    }
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.exitCode === null) this.process.kill();
  }
}
