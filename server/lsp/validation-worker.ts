import type { MessagePort } from 'node:worker_threads';
import { nodeFileSystem } from '../model/node-file-system';
import { LanguageService } from '../service/language-service';
import { uriToPath } from '../service/uris';
import { ServerSettings } from './settings';
import type { FromValidationWorker, ToValidationWorker } from './validation-protocol';

/**
 * The validation worker: a second language service, in a worker thread, that holds a copy
 * of the editor's documents and settings and runs every rule. The server's own thread stays
 * free to answer requests while a heavy document is checked here, and can stop a check
 * that runs past its time budget by ending this thread.
 */
export function runValidationWorker(port: MessagePort): void {
  const settings = new ServerSettings();
  const service = new LanguageService({ fs: nodeFileSystem, settingsFor: settings.settingsFor, formatSettingsFor: settings.formatSettingsFor });
  const post = (message: FromValidationWorker): void => port.postMessage(message);

  port.on('message', (message: ToValidationWorker) => {
    try {
      switch (message.kind) {
        case 'settings':
          settings.setClientSettings(message.settings);
          service.setDocsBaseUrl(message.docsBaseUrl);
          service.settingsChanged();
          break;
        case 'folders':
          service.setWorkspaceFolders(message.uris);
          break;
        case 'open':
          service.openDocument(message.uri, message.languageId, message.version, message.text);
          break;
        case 'close':
          service.closeDocument(message.uri);
          break;
        case 'file-changed':
          service.fileChanged(message.uri);
          break;
        case 'settings-files-changed':
          settings.forgetSettingsFiles();
          service.settingsChanged();
          break;
        case 'validate': {
          // One document at a time, each announced first: a check past its budget is then known by name.
          for (const doc of service.workspace.openDocuments()) {
            post({ kind: 'checking', uri: doc.uri });
            service.workspace.diagnosticsFor(uriToPath(doc.uri));
          }
          post({ kind: 'published', generation: message.generation, published: service.validate(), settingsFileProblems: [...settings.settingsFileProblems()] });
          break;
        }
      }
    } catch (error) {
      post({ kind: 'failed', message: (error as Error).stack ?? String(error) });
    }
  });
}
