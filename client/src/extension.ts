import { join } from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { languageClientOptions } from './client-options';
import { registerEffectiveConnection } from './effective-connection';

/** The client id is also the settings prefix vscode-languageclient reads `trace.server` from. */
const CLIENT_ID = 'ipsecLint';

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server (dist/server.cjs, the same build as the
 * `ipsec-language-server` command) over Node IPC. All features live in the server.
 */
export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  client = new LanguageClient(CLIENT_ID, 'ipsec-lint', serverOptions, languageClientOptions(context.extensionPath));
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  registerEffectiveConnection(context, () => client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
