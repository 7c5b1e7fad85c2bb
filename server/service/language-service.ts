import type {
  CodeAction, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, Position, Range,
  SemanticTokens, SymbolInformation, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { keywordTable } from '../../schemas/keywords';
import { resolveFormatOptions, type EditorFormattingOptions, type FormatOptionsFromFile } from '../format';
import { codeActions } from './code-actions';
import { confCompletion, secretsCompletion } from './completion';
import type { ConfFeatureContext } from './context';
import { confDefinition, confPrepareRename, confReferences, confRename, connNameProblem } from './definition';
import { confDocumentLinks, secretsDocumentLinks } from './document-links';
import { confFoldingRanges, tokenFileFoldingRanges } from './folding';
import { documentFormattingEdits, rangeFormattingEdits } from './formatting';
import { confHover, secretsHover } from './hover';
import { effectiveConnection, type EffectiveConnection } from './effective-connection';
import { toLspDiagnostic } from './lsp-diagnostics';
import { confSemanticTokens, policySemanticTokens, secretsSemanticTokens } from './semantic-tokens';
import { confDocumentSymbols, policyDocumentSymbols, secretsDocumentSymbols, workspaceSymbols } from './symbols';
import { DEFAULT_RULE_DOCS_BASE_URL } from './rule-docs';
import { pathToUri, uriToPath } from './uris';
import { Workspace, type OpenDocument, type WorkspaceOptions } from './workspace';

export interface LanguageServiceOptions extends WorkspaceOptions {
  /** Base URL of the rule pages linked from diagnostics; the project's repository by default. */
  readonly docsBaseUrl?: string;
  /** The `format` section of the `.ipsec-lint.json` that applies to a file; it wins over the editor's tab settings. */
  readonly formatSettingsFor?: (path: string) => FormatOptionsFromFile | undefined;
}

/** A request the service refuses, with the reason a person should read (e.g. a bad new name). */
export interface ServiceRefusal {
  readonly refused: string;
}

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly version: number;
  readonly diagnostics: Diagnostic[];
}

const noCompletions: CompletionList = { isIncomplete: false, items: [] };

/**
 * The language service: one façade over the feature modules, in URIs and LSP shapes, with
 * no knowledge of the transport. The LSP server (server/lsp) only negotiates capabilities,
 * debounces and forwards here; tests and the benchmark call it directly.
 */
export class LanguageService {
  readonly workspace: Workspace;
  private docsBaseUrl: string | undefined;

  constructor(private readonly options: LanguageServiceOptions) {
    this.workspace = new Workspace(options);
    this.docsBaseUrl = options.docsBaseUrl ?? DEFAULT_RULE_DOCS_BASE_URL;
  }

  /** Where diagnostics link a rule's page; open documents are re-published with the new links. */
  setDocsBaseUrl(url: string | undefined): void {
    if (url === this.docsBaseUrl) return;
    this.docsBaseUrl = url;
    this.workspace.republishAll();
  }

  setWorkspaceFolders(uris: readonly string[]): void {
    this.workspace.setFolders(uris.map(uriToPath));
  }

  openDocument(uri: string, languageId: string | undefined, version: number, text: string): void {
    this.workspace.setDocument(uri, uriToPath(uri), languageId, version, text);
  }

  changeDocument(uri: string, version: number, text: string): void {
    const path = uriToPath(uri);
    this.workspace.setDocument(uri, path, this.workspace.document(path)?.languageId, version, text);
  }

  closeDocument(uri: string): void {
    this.workspace.closeDocument(uriToPath(uri));
  }

  fileChanged(uri: string): void {
    this.workspace.fileChanged(uriToPath(uri));
  }

  settingsChanged(): void {
    this.workspace.settingsChanged();
  }

  private uriOf = (path: string): string => this.workspace.uriOf(path) ?? pathToUri(path);

  private doc(uri: string): OpenDocument | undefined {
    return this.workspace.document(uriToPath(uri));
  }

  private confContext(uri: string): ConfFeatureContext | undefined {
    const doc = this.doc(uri);
    if (doc?.parsed.kind !== 'conf') return undefined;
    const analysis = this.workspace.analysisFor(doc.path);
    const settings = analysis?.settings ?? this.options.settingsFor(doc.path);
    return { path: doc.path, conf: doc.parsed.conf, analysis, settings, table: keywordTable(settings.libreswanVersion), fs: this.workspace.fs, uriOf: this.uriOf };
  }

  /** Re-validates what changed; returns the open documents whose diagnostics changed. */
  validate(): PublishedDiagnostics[] {
    return this.workspace.revalidate().map((r) => ({
      uri: r.uri,
      version: this.workspace.document(r.path)?.version ?? 0,
      diagnostics: r.diagnostics.map((d) => toLspDiagnostic(d, this.uriOf, this.docsBaseUrl)),
    }));
  }

  diagnostics(uri: string): Diagnostic[] {
    return this.workspace.diagnosticsFor(uriToPath(uri)).map((d) => toLspDiagnostic(d, this.uriOf, this.docsBaseUrl));
  }

  completion(uri: string, pos: Position): CompletionList {
    const doc = this.doc(uri);
    if (!doc || !withinDocument(doc, pos)) return noCompletions;
    if (doc.parsed.kind === 'secrets') return secretsCompletion(doc.text, pos);
    const context = this.confContext(uri);
    return context ? confCompletion(context, pos) : noCompletions;
  }

  /** The conn at a position, resolved, with each value's origin ("Show effective connection"). */
  effectiveConnection(uri: string, pos: Position): EffectiveConnection | null {
    const doc = this.doc(uri);
    if (!doc || !withinDocument(doc, pos)) return null;
    const context = this.confContext(uri);
    return context ? effectiveConnection(context, pos) : null;
  }

  hover(uri: string, pos: Position): Hover | null {
    const doc = this.doc(uri);
    if (!doc || !withinDocument(doc, pos)) return null;
    if (doc.parsed.kind === 'secrets') return secretsHover(doc.parsed.secrets, pos);
    const context = this.confContext(uri);
    return context ? confHover(context, pos) : null;
  }

  definition(uri: string, pos: Position): Location[] {
    const context = this.confContext(uri);
    return context ? confDefinition(context, pos) : [];
  }

  references(uri: string, pos: Position, includeDeclaration: boolean): Location[] {
    const context = this.confContext(uri);
    return context ? confReferences(context, pos, includeDeclaration) : [];
  }

  prepareRename(uri: string, pos: Position): { range: Range; placeholder: string } | null {
    const context = this.confContext(uri);
    return context ? confPrepareRename(context, pos) : null;
  }

  rename(uri: string, pos: Position, newName: string): WorkspaceEdit | ServiceRefusal | null {
    const problem = connNameProblem(newName);
    if (problem) return { refused: problem };
    const context = this.confContext(uri);
    return context ? confRename(context, pos, newName) : null;
  }

  documentSymbols(uri: string): DocumentSymbol[] {
    const parsed = this.doc(uri)?.parsed;
    switch (parsed?.kind) {
      case 'conf':
        return confDocumentSymbols(parsed.conf);
      case 'secrets':
        return secretsDocumentSymbols(parsed.secrets);
      case 'policy':
        return policyDocumentSymbols(parsed.policy);
      default:
        return [];
    }
  }

  workspaceSymbols(query: string): SymbolInformation[] {
    return workspaceSymbols(this.workspace.allNames(), query, this.uriOf);
  }

  foldingRanges(uri: string): FoldingRange[] {
    const parsed = this.doc(uri)?.parsed;
    switch (parsed?.kind) {
      case 'conf':
        return confFoldingRanges(parsed.conf);
      case 'secrets':
        return tokenFileFoldingRanges(parsed.secrets.records, parsed.secrets.comments);
      case 'policy':
        return tokenFileFoldingRanges(parsed.policy.entries, parsed.policy.comments);
      default:
        return [];
    }
  }

  semanticTokens(uri: string): SemanticTokens {
    const doc = this.doc(uri);
    switch (doc?.parsed.kind) {
      case 'conf':
        return confSemanticTokens(doc.parsed.conf, keywordTable(this.options.settingsFor(doc.path).libreswanVersion));
      case 'secrets':
        return secretsSemanticTokens(doc.parsed.secrets);
      case 'policy':
        return policySemanticTokens(doc.parsed.policy);
      default:
        return { data: [] };
    }
  }

  documentLinks(uri: string): DocumentLink[] {
    const doc = this.doc(uri);
    if (doc?.parsed.kind === 'secrets') return secretsDocumentLinks(doc.path, doc.parsed.secrets, this.workspace.fs, this.options.settingsFor(doc.path).root, this.uriOf);
    const context = this.confContext(uri);
    return context ? confDocumentLinks(context) : [];
  }

  formatting(uri: string, editor: EditorFormattingOptions): TextEdit[] | ServiceRefusal {
    const doc = this.doc(uri);
    if (!doc) return [];
    return documentFormattingEdits(doc, resolveFormatOptions(this.options.formatSettingsFor?.(doc.path), editor));
  }

  rangeFormatting(uri: string, range: Range, editor: EditorFormattingOptions): TextEdit[] | ServiceRefusal {
    const doc = this.doc(uri);
    if (!doc) return [];
    return rangeFormattingEdits(doc, range, resolveFormatOptions(this.options.formatSettingsFor?.(doc.path), editor));
  }

  codeActions(uri: string, range: Range, only: readonly string[] | undefined): CodeAction[] {
    const path = uriToPath(uri);
    const doc = this.workspace.document(path);
    if (!doc) return [];
    // Suppression comments are an ipsec.conf feature; the line's length places them.
    const lines = doc.kind === 'conf' ? doc.text.split('\n') : undefined;
    const lineLength = lines ? (line: number): number | undefined => (line < lines.length ? lines[line].replace(/\r$/, '').length : undefined) : undefined;
    return codeActions(path, this.workspace.diagnosticsFor(path), range, only, this.uriOf, this.docsBaseUrl, lineLength);
  }
}

/** A position on a line the document has (clients may send stale or bogus positions). */
function withinDocument(doc: OpenDocument, pos: Position): boolean {
  if (pos.line < 0 || pos.character < 0) return false;
  let lines = 1;
  for (let i = doc.text.indexOf('\n'); i !== -1 && lines <= pos.line; i = doc.text.indexOf('\n', i + 1)) lines++;
  return pos.line < lines;
}
