import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The documents of this scheme come from a content provider, so VS Code opens them read-only. */
export const EFFECTIVE_SCHEME = 'ipsec-lint-effective';
export const SHOW_EFFECTIVE_CONNECTION = 'ipsecLint.showEffectiveConnection';
/** The server's request (server/lsp/effective-connection-request.ts). */
const REQUEST = 'ipsecLint/effectiveConnection';

interface Answer {
  readonly name: string;
  readonly text: string;
}

/**
 * "Show effective connection": asks the server for the conn under the cursor and shows it,
 * each value with the line it comes from, in a read-only editor beside the source.
 */
export function registerEffectiveConnection(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const texts = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand(SHOW_EFFECTIVE_CONNECTION, async () => {
      const editor = vscode.window.activeTextEditor;
      const c = client();
      if (!editor || !c) return;
      const params = { textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active };
      const answer = await c.sendRequest<Answer | null>(REQUEST, params);
      if (!answer) {
        void vscode.window.showInformationMessage('ipsec-lint: put the cursor inside a conn section.');
        return;
      }
      const uri = vscode.Uri.from({ scheme: EFFECTIVE_SCHEME, path: `/${answer.name}.conf`, query: editor.document.uri.toString() });
      texts.set(uri.toString(), answer.text);
      changed.fire(uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'ipsec-conf');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
}
