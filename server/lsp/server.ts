import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ErrorCodes, LSPErrorCodes, ResponseError, TextDocuments,
  TextDocumentSyncKind, type CancellationToken, type Connection, type FormattingOptions, type InitializeParams, type InitializeResult, type Position, type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../model/node-file-system';
import { SETTINGS_FILE_NAME } from '../settings/settings-file';
import { LanguageService } from '../service/language-service';
import { checkRuleDocsBaseUrl, chooseRuleDocsBaseUrl } from '../service/rule-docs';
import { semanticTokensLegend } from '../service/semantic-tokens';
import { pathToUri, uriToPath } from '../service/uris';
import type { SettingsProblem } from '../settings/settings-file';
import { BackgroundValidation, DEFAULT_CHECK_TIME_BUDGET_MS } from './background-validation';
import { registerEffectiveConnection } from './effective-connection-request';
import { readClientSettings, ServerSettings, SETTINGS_SECTION } from './settings';

/** What a client may pass in `initializationOptions`. */
interface InitializationOptions {
  /** The same object as the `ipsecLint` configuration section, for clients without workspace/configuration. */
  readonly settings?: unknown;
  /** Milliseconds to wait after the last edit before re-validating (default 200). */
  readonly diagnosticsDelay?: number;
  /**
   * A `file:` URI of the rule pages shipped with the client (the VS Code extension sends its
   * own docs/rules/), linked when the person configured no `docsBaseUrl`.
   */
  readonly bundledRuleDocs?: string;
  /** Milliseconds one document may take to check before its checks are stopped (default 10 s). */
  readonly checkTimeBudget?: number;
}

export interface ServerOptions {
  /**
   * A script that runs validation-worker.ts when started as a worker thread (the server's own
   * bundle): validation then runs off the message loop. Without it, validation runs inline.
   */
  readonly validationWorker?: string;
}

const DEFAULT_DIAGNOSTICS_DELAY_MS = 200;

function isPosition(value: unknown): value is Position {
  const p = value as Position | undefined;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0;
}

function checkPosition(value: unknown): Position {
  if (!isPosition(value)) throw new ResponseError(ErrorCodes.InvalidParams, 'position must be {line, character} with non-negative integers');
  return value;
}

function checkUri(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri must be a string');
  return value;
}

/**
 * Wraps a request handler: a request cancelled while it waited is answered RequestCancelled,
 * and params that are not an object (`params: null`) InvalidParams, never an internal error.
 */
function answer<P, R>(handler: (params: P) => R): (params: P, token: CancellationToken) => R {
  return (params, token) => {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    if (typeof params !== 'object' || params === null) throw new ResponseError(ErrorCodes.InvalidParams, 'params must be an object');
    return handler(params);
  };
}

function checkFormattingOptions(value: unknown): FormattingOptions {
  const o = value as FormattingOptions | undefined;
  if (typeof o !== 'object' || o === null || typeof o.tabSize !== 'number' || typeof o.insertSpaces !== 'boolean') {
    throw new ResponseError(ErrorCodes.InvalidParams, 'options must have tabSize and insertSpaces');
  }
  return o;
}

/**
 * The LSP adapter: negotiates capabilities, applies edits to its copies of the documents,
 * debounces validation and forwards every request to the language service. It holds no
 * feature logic of its own.
 */
export function startServer(connection: Connection, serverOptions: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new ServerSettings();
  const service = new LanguageService({ fs: nodeFileSystem, settingsFor: settings.settingsFor, formatSettingsFor: settings.formatSettingsFor });
  let diagnosticsDelay = DEFAULT_DIAGNOSTICS_DELAY_MS;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let workspaceFolder: string | undefined;
  let initializationSettings: unknown;
  let bundledRuleDocs: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let background: BackgroundValidation | undefined;
  const settingsFilesWithProblems = new Set<string>();
  /**
   * With a validation worker, this thread parses an opened or edited document only when a
   * request needs it: parsing a big file here would hold up requests for every other one.
   */
  const pending = new Map<string, { readonly languageId: string; readonly version: number; readonly text: string }>();
  const applyPending = (uri: string): void => {
    const doc = pending.get(uri);
    if (!doc) return;
    pending.delete(uri);
    service.openDocument(uri, doc.languageId, doc.version, doc.text);
  };
  /** Documents whose checks ran past the time budget: features that need their analysis answer empty. */
  const stopped = (uri: string | undefined): boolean => uri !== undefined && background?.isStopped(uri) === true;

  const log = (message: string): void => connection.console.log(message);

  const flush = (): void => {
    timer = undefined;
    if (background) {
      background.validate();
      return;
    }
    try {
      for (const published of service.validate()) void connection.sendDiagnostics(published);
      publishSettingsFileProblems(settings.settingsFileProblems());
    } catch (error) {
      // A bug in one rule must not take the server down with it; say so in the log.
      connection.console.error(`ipsec-lint: validation failed: ${(error as Error).stack ?? String(error)}`);
    }
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, diagnosticsDelay);
  };

  const publishSettingsFileProblems = (found: ReadonlyMap<string, readonly SettingsProblem[]>): void => {
    for (const [path, problems] of found) {
      if (problems.length === 0 && !settingsFilesWithProblems.has(path)) continue;
      if (problems.length > 0) settingsFilesWithProblems.add(path);
      else settingsFilesWithProblems.delete(path);
      void connection.sendDiagnostics({
        uri: pathToUri(path),
        diagnostics: problems.map((p) => ({
          range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column - 1 } },
          severity: 1,
          source: 'ipsec-lint',
          message: p.message,
        })),
      });
    }
  };

  const applyClientSettings = (raw: unknown): void => {
    const read = readClientSettings(raw, workspaceFolder);
    settings.setClientSettings(read.settings);
    service.setDocsBaseUrl(chooseRuleDocsBaseUrl(read.settings.docsBaseUrl, bundledRuleDocs));
    background?.send({ kind: 'settings', settings: read.settings, docsBaseUrl: chooseRuleDocsBaseUrl(read.settings.docsBaseUrl, bundledRuleDocs) });
    for (const problem of read.problems) connection.console.warn(problem);
    service.settingsChanged();
  };

  const pullConfiguration = async (): Promise<void> => {
    try {
      const [raw] = (await connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }])) as unknown[];
      // Clients without an `ipsecLint` section answer null (Neovim, Helix): keep what came with initialize.
      applyClientSettings(raw !== null && typeof raw === 'object' ? raw : initializationSettings);
    } catch (error) {
      connection.console.warn(`ipsec-lint: could not read the client's settings: ${(error as Error).message}`);
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.diagnosticsDelay === 'number' && options.diagnosticsDelay >= 0) diagnosticsDelay = options.diagnosticsDelay;
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolder = folders.length > 0 ? uriToPath(folders[0]) : undefined;
    initializationSettings = options.settings;
    if (typeof options.bundledRuleDocs === 'string') {
      const checked = checkRuleDocsBaseUrl(options.bundledRuleDocs);
      if ('url' in checked) bundledRuleDocs = checked.url;
      else connection.console.warn(`ipsec-lint: initializationOptions.bundledRuleDocs: ${checked.problem}`);
    }
    service.setDocsBaseUrl(chooseRuleDocsBaseUrl(undefined, bundledRuleDocs));
    if (serverOptions.validationWorker) {
      const budget = typeof options.checkTimeBudget === 'number' && options.checkTimeBudget > 0 ? options.checkTimeBudget : DEFAULT_CHECK_TIME_BUDGET_MS;
      background = new BackgroundValidation(
        serverOptions.validationWorker,
        {
          published: (published, problems) => {
            for (const p of published) void connection.sendDiagnostics(p);
            publishSettingsFileProblems(problems);
          },
          log: (message) => connection.console.error(message),
        },
        budget,
      );
      background.send({ kind: 'settings', settings: {}, docsBaseUrl: chooseRuleDocsBaseUrl(undefined, bundledRuleDocs) });
    }
    if (options.settings !== undefined) applyClientSettings(options.settings);
    service.setWorkspaceFolders(folders);
    background?.send({ kind: 'folders', uris: folders });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['=', ',', '-', '+', '/', ':'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
      },
      serverInfo: { name: 'ipsec-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
      void pullConfiguration().then(schedule);
    }
    if (canWatchFiles) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.conf' }, { globPattern: '**/*.secrets' }, { globPattern: `**/${SETTINGS_FILE_NAME}` }] })
        .catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((params) => {
    if (canPullConfiguration) void pullConfiguration().then(schedule);
    else {
      applyClientSettings((params.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION]);
      schedule();
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (change.uri.endsWith(`/${SETTINGS_FILE_NAME}`)) {
        settings.forgetSettingsFiles();
        service.settingsChanged();
        background?.send({ kind: 'settings-files-changed' });
      } else {
        service.fileChanged(change.uri);
        background?.send({ kind: 'file-changed', uri: change.uri });
      }
    }
    schedule();
  });

  documents.onDidChangeContent((event) => {
    const doc = event.document;
    if (background) {
      pending.set(doc.uri, { languageId: doc.languageId, version: doc.version, text: doc.getText() });
      background.send({ kind: 'open', uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.getText() });
    } else {
      service.openDocument(doc.uri, doc.languageId, doc.version, doc.getText());
    }
    schedule();
  });
  documents.onDidClose((event) => {
    pending.delete(event.document.uri);
    service.closeDocument(event.document.uri);
    background?.send({ kind: 'close', uri: event.document.uri });
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    schedule();
  });

  // Features that need a document's analysis answer empty for one whose checks were stopped:
  // computing it here would block the message loop for as long as the worker was stopped for.
  const uriOf = (p: { textDocument?: { uri?: unknown } }): string => {
    const uri = checkUri(p.textDocument?.uri);
    applyPending(uri);
    return uri;
  };
  connection.onCompletion(answer((p) => (stopped(uriOf(p)) ? { isIncomplete: false, items: [] } : service.completion(uriOf(p), checkPosition(p.position)))));
  connection.onHover(answer((p) => (stopped(uriOf(p)) ? null : service.hover(uriOf(p), checkPosition(p.position)))));
  registerEffectiveConnection(connection, service);
  connection.onDefinition(answer((p) => (stopped(uriOf(p)) ? [] : service.definition(uriOf(p), checkPosition(p.position)))));
  connection.onReferences(answer((p) => (stopped(uriOf(p)) ? [] : service.references(uriOf(p), checkPosition(p.position), p.context?.includeDeclaration !== false))));
  connection.onPrepareRename(answer((p) => (stopped(uriOf(p)) ? null : service.prepareRename(uriOf(p), checkPosition(p.position)))));
  connection.onRenameRequest(
    answer((p) => {
      if (stopped(uriOf(p))) return null;
      const result = service.rename(uriOf(p), checkPosition(p.position), String(p.newName ?? ''));
      if (result && 'refused' in result) throw new ResponseError(ErrorCodes.InvalidParams, result.refused);
      return result;
    }),
  );
  connection.onDocumentSymbol(answer((p) => service.documentSymbols(uriOf(p))));
  connection.onWorkspaceSymbol(
    answer((p) => {
      for (const uri of [...pending.keys()]) applyPending(uri);
      return service.workspaceSymbols(typeof p.query === 'string' ? p.query : '');
    }),
  );
  connection.onFoldingRanges(answer((p) => service.foldingRanges(uriOf(p))));
  connection.onDocumentLinks(answer((p) => (stopped(uriOf(p)) ? [] : service.documentLinks(uriOf(p)))));
  connection.languages.semanticTokens.on(answer((p) => service.semanticTokens(uriOf(p))));
  connection.onCodeAction(
    answer((p) => {
      const range = p.range;
      if (!range || !isPosition(range.start) || !isPosition(range.end)) throw new ResponseError(ErrorCodes.InvalidParams, 'range must have a valid start and end');
      return service.codeActions(uriOf(p), range, p.context?.only);
    }),
  );

  const formattingAnswer = (result: ReturnType<LanguageService['formatting']>): TextEdit[] | null => {
    if (!('refused' in result)) return result;
    // Format-on-save would pop an error on every save of a half-written file: log it instead.
    connection.console.info(result.refused);
    return null;
  };
  connection.onDocumentFormatting(answer((p) => formattingAnswer(service.formatting(uriOf(p), checkFormattingOptions(p.options)))));
  connection.onDocumentRangeFormatting(
    answer((p) => {
      const range = p.range;
      if (!range || !isPosition(range.start) || !isPosition(range.end)) throw new ResponseError(ErrorCodes.InvalidParams, 'range must have a valid start and end');
      return formattingAnswer(service.rangeFormatting(uriOf(p), range, checkFormattingOptions(p.options)));
    }),
  );

  connection.onShutdown(() => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    background?.dispose();
  });

  documents.listen(connection);
  connection.listen();
  log('ipsec-language-server started');
}
