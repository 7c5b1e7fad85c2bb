import { dirname, join } from 'node:path';
import { parseConf } from '../../grammar/conf/parse';
import type { ConfFile } from '../../grammar/conf/syntax-tree';
import type { SecretsFile } from '../../grammar/secrets/index';
import type { ConfigFileSystem } from '../model/file-system';
import type { LintDiagnostic } from '../rules/rule';
import type { LintSettings } from '../settings/lint-settings';
import { kindOfDocument, kindOfFileName, type DocumentKind } from './document-kind';
import { lintConf, type ConfLintResult } from './lint-conf';
import type { ConfRulesMemo } from '../rules/incremental';
import { DEFAULT_MAX_DOCUMENT_LENGTH, parseDocument, type ParsedDocument } from './parsed-document';
import { namesOfDocument, type IndexedName } from './name-index';
import { lintPolicyGroup } from './lint-policy';
import { confBesideSecrets, lintSecrets } from './lint-secrets';
import { skippedDiagnostics } from './skipped-document';
import { isFilePath } from './uris';
import { entryCandidatesFor, isEntryFile } from './entry-files';

export interface WorkspaceOptions {
  /** Reads files that are not open in the editor. */
  readonly fs: ConfigFileSystem;
  /** The settings that apply to a file (editor settings, then its `.ipsec-lint.json`). */
  readonly settingsFor: (path: string) => LintSettings;
  readonly maxDocumentLength?: number;
  /** False runs every rule on the whole config after each edit (the benchmark's baseline); incremental by default. */
  readonly incrementalRules?: boolean;
}

export interface OpenDocument {
  readonly uri: string;
  readonly path: string;
  readonly languageId: string | undefined;
  readonly version: number;
  readonly text: string;
  readonly kind: DocumentKind;
  readonly parsed: ParsedDocument;
}

/** One entry file linted with everything it includes: the unit of re-validation. */
export interface ConfAnalysis {
  readonly entry: string;
  readonly settings: LintSettings;
  readonly result: ConfLintResult;
  readonly files: ReadonlySet<string>;
  readonly diagnosticsByFile: ReadonlyMap<string, readonly LintDiagnostic[]>;
}

/** A secrets or policy file's findings, with what they were computed from. */
interface TokenFileAnalysis {
  readonly document: OpenDocument;
  /** The conf analysis a secrets file was checked against (its conns' authby=, ids). */
  readonly confAnalysis: ConfAnalysis | undefined;
  readonly diagnostics: readonly LintDiagnostic[];
}

/** What an open document's diagnostics were computed from; a new source means re-publish. */
type DiagnosticsSource = ConfAnalysis | TokenFileAnalysis | OpenDocument;

/** Folders we never look into for configs. */
const ignoredFolder = /[/\\](node_modules|\.git|\.hg|\.svn)[/\\]/;
/** Enough for any real site; a cap keeps a workspace opened at `/` from scanning forever. */
const MAX_SCANNED_FILES = 500;

/**
 * The workspace index, with Langium's document lifecycle in mind: a document is parsed when
 * it changes, indexed (its conn names and secrets ids, for workspace symbols), linked (the
 * entry file that includes it is resolved with its include graph and `also=`), and
 * validated (rules run on that whole graph). An edit drops every analysis whose include
 * graph holds the edited file, so every open file that depends on it is re-validated, not
 * only the edited one. Analyses are rebuilt lazily, the first time someone asks.
 */
export class Workspace {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly diskConf = new Map<string, ConfFile | null>();
  private readonly analyses = new Map<string, ConfAnalysis>();
  /**
   * Per entry, the per-conn findings its last analysis left: kept when an edit drops the
   * analysis, so the next one re-checks only the conns the edit touched. Dropped with
   * anything that changes what the rules see besides the text (settings, files on disk).
   */
  private readonly rulesMemos = new Map<string, ConfRulesMemo>();
  private readonly published = new Map<string, DiagnosticsSource>();
  private readonly diskNames = new Map<string, readonly IndexedName[]>();
  private readonly tokenFileAnalyses = new Map<string, TokenFileAnalysis>();
  private folders: readonly string[] = [];
  private entryCandidates: readonly string[] = [];
  private scannedFiles: readonly string[] = [];
  readonly maxDocumentLength: number;

  constructor(private readonly options: WorkspaceOptions) {
    this.maxDocumentLength = options.maxDocumentLength ?? DEFAULT_MAX_DOCUMENT_LENGTH;
  }

  get fs(): ConfigFileSystem {
    return this.options.fs;
  }

  /** Workspace folders: their ipsec.conf files are entries that claim the files they include. */
  setFolders(folders: readonly string[]): void {
    this.folders = folders;
    const found = new Set<string>();
    for (const folder of folders) {
      for (const pattern of ['**/*.conf', '**/ipsec.secrets', '**/*.secrets', '**/ipsec.conf.d/*']) {
        for (const path of this.options.fs.glob(join(folder, pattern))) {
          if (!ignoredFolder.test(path) && found.size < MAX_SCANNED_FILES) found.add(path);
        }
      }
    }
    this.scannedFiles = [...found].sort();
    this.entryCandidates = this.scannedFiles.filter((p) => p.endsWith('/ipsec.conf'));
    this.diskNames.clear();
    this.analyses.clear();
    this.rulesMemos.clear();
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** Opens or replaces a document; `revalidate` then says whose diagnostics changed. */
  setDocument(uri: string, path: string, languageId: string | undefined, version: number, text: string): void {
    const kind = kindOfDocument(path, languageId);
    const parsed = parseDocument(text, kind, this.maxDocumentLength);
    this.documents.set(path, { uri, path, languageId, version, text, kind, parsed });
    this.invalidate(path);
  }

  closeDocument(path: string): void {
    if (!this.documents.delete(path)) return;
    this.rulesMemos.delete(path);
    this.published.delete(path);
    this.tokenFileAnalyses.delete(path);
    this.invalidate(path);
  }

  /** A file changed on disk (or was created or deleted). */
  fileChanged(path: string): void {
    this.diskConf.delete(path);
    this.diskNames.delete(path);
    // A new file may match an include glob anywhere: every analysis may change.
    this.analyses.clear();
    this.rulesMemos.clear();
    this.tokenFileAnalyses.clear();
  }

  /** Settings changed: every analysis is stale. */
  settingsChanged(): void {
    this.analyses.clear();
    this.rulesMemos.clear();
    this.tokenFileAnalyses.clear();
  }

  /** The next `revalidate` returns every open document, e.g. because diagnostics now render differently. */
  republishAll(): void {
    this.published.clear();
  }

  document(path: string): OpenDocument | undefined {
    return this.documents.get(path);
  }

  openDocuments(): readonly OpenDocument[] {
    return [...this.documents.values()];
  }

  /** The URI a client knows a path by: its own for open documents. */
  uriOf(path: string): string | undefined {
    return this.documents.get(path)?.uri;
  }

  private invalidate(path: string): void {
    for (const [entry, analysis] of this.analyses) {
      if (entry === path || analysis.files.has(path)) this.analyses.delete(entry);
    }
    this.diskNames.delete(path);
  }

  /** An open secrets buffer, parsed; undefined sends the reader to the disk. */
  private openSecrets(path: string): SecretsFile | undefined {
    const open = this.documents.get(path);
    return open?.parsed.kind === 'secrets' ? open.parsed.secrets : undefined;
  }

  /** The parsed form of a conf file: the open buffer if there is one, else the file on disk. */
  confOf(path: string): ConfFile | undefined {
    const open = this.documents.get(path);
    if (open) {
      if (open.parsed.kind === 'conf') return open.parsed.conf;
      // A binary or oversized buffer: included, it contributes nothing rather than blocking.
      return open.parsed.kind === 'skipped' ? emptyConf : undefined;
    }
    if (!isFilePath(path)) return undefined;
    let cached = this.diskConf.get(path);
    if (cached === undefined) {
      const read = this.options.fs.readText(path);
      cached = read.ok ? (read.text.length > this.maxDocumentLength ? emptyConf : parseConf(read.text)) : null;
      this.diskConf.set(path, cached);
    }
    return cached ?? undefined;
  }

  private analyse(entry: string): ConfAnalysis | undefined {
    const known = this.analyses.get(entry);
    if (known) return known;
    const conf = this.confOf(entry);
    if (!conf) return undefined;
    const settings = this.options.settingsFor(entry);
    const result = lintConf({
      path: entry,
      text: conf.text,
      fs: this.options.fs,
      settings,
      cwd: isFilePath(entry) ? dirname(entry) : this.folders[0] ?? '/',
      parsed: (p) => this.confOf(p),
      parsedSecrets: (p) => this.openSecrets(p),
      incremental: this.options.incrementalRules === false ? undefined : { previous: this.rulesMemos.get(entry) },
    });
    if (result.rulesRun) this.rulesMemos.set(entry, result.rulesRun.memo);
    const diagnosticsByFile = new Map<string, LintDiagnostic[]>();
    const seen = new Set<string>();
    for (const d of result.diagnostics) {
      // Two conns sharing an also= target report the same finding twice; show it once.
      const key = `${d.file}|${d.ruleId}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = diagnosticsByFile.get(d.file);
      if (list) list.push(d);
      else diagnosticsByFile.set(d.file, [d]);
    }
    const analysis: ConfAnalysis = {
      entry,
      settings,
      result,
      // The secrets files too: editing ipsec.secrets re-judges the conns (secret-missing).
      files: new Set([...result.config.loaded.files.map((f) => f.path), ...(result.secrets?.files.map((f) => f.path) ?? [])]),
      diagnosticsByFile,
    };
    this.analyses.set(entry, analysis);
    return analysis;
  }

  /**
   * The analysis a conf file is checked in: the workspace's ipsec.conf that includes it, else
   * an open file that includes it, else the file on its own.
   */
  analysisFor(path: string): ConfAnalysis | undefined {
    const doc = this.documents.get(path);
    if (doc && doc.kind !== 'conf') return undefined;
    for (const entry of this.entryCandidates) {
      const analysis = this.analyse(entry);
      if (analysis?.files.has(path)) return analysis;
    }
    for (const other of this.documents.values()) {
      if (other.path === path || other.parsed.kind !== 'conf') continue;
      // Analysed on demand, not only when already cached: otherwise an included file opened
      // before its includer, or edited (which drops the includer's analysis), is checked alone
      // and reports its also= targets missing. Only files with an include can claim another.
      const includes = other.parsed.conf.sections.some((s) => s.kind === 'include');
      const analysis = this.analyses.get(other.path) ?? (includes ? this.analyse(other.path) : undefined);
      if (analysis?.files.has(path)) return analysis;
    }
    // A fragment opened alone (no workspace folder holds its ipsec.conf): the ipsec.conf at
    // the root or above it, as the CLI does for a file named on its command line.
    if (isFilePath(path) && !isEntryFile(path)) {
      for (const entry of entryCandidatesFor(path, this.options.settingsFor(path), this.options.fs)) {
        const analysis = this.analyse(entry);
        if (analysis?.files.has(path)) return analysis;
      }
    }
    return this.analyse(path);
  }

  /** Every analysis the workspace knows of: its entries and every open conf file's. */
  allAnalyses(): ConfAnalysis[] {
    const result = new Set<ConfAnalysis>();
    for (const entry of this.entryCandidates) {
      const a = this.analyse(entry);
      if (a) result.add(a);
    }
    for (const doc of this.documents.values()) {
      const a = doc.kind === 'conf' ? this.analysisFor(doc.path) : undefined;
      if (a) result.add(a);
    }
    return [...result];
  }

  diagnosticsFor(path: string): readonly LintDiagnostic[] {
    return this.diagnosticsWithSource(path)?.diagnostics ?? [];
  }

  private diagnosticsWithSource(path: string): { source: DiagnosticsSource; diagnostics: readonly LintDiagnostic[] } | undefined {
    const doc = this.documents.get(path);
    if (doc?.parsed.kind === 'skipped') return { source: doc, diagnostics: skippedDiagnostics(path, doc.parsed) };
    if (doc?.parsed.kind === 'secrets' || doc?.parsed.kind === 'policy') {
      const analysis = this.tokenFileAnalysis(doc);
      return { source: analysis, diagnostics: analysis.diagnostics };
    }
    const analysis = this.analysisFor(path);
    return analysis ? { source: analysis, diagnostics: analysis.diagnosticsByFile.get(path) ?? [] } : undefined;
  }

  /**
   * Lints a secrets file against the conf beside it (re-done when either changes), or a
   * policy group with the other groups of its folder.
   */
  private tokenFileAnalysis(document: OpenDocument): TokenFileAnalysis {
    const { path } = document;
    const confPath = document.kind === 'secrets' && isFilePath(path) ? confBesideSecrets(path, this.options.fs) : undefined;
    const confAnalysis = confPath ? this.analysisFor(confPath) : undefined;
    const known = this.tokenFileAnalyses.get(path);
    if (known && known.document === document && known.confAnalysis === confAnalysis) return known;
    const settings = this.options.settingsFor(path);
    const diagnostics =
      document.parsed.kind === 'secrets'
        ? lintSecrets({
            path,
            text: document.text,
            fs: this.options.fs,
            settings,
            parsed: (p) => this.openSecrets(p),
            config: confAnalysis?.result.config ?? null,
          }).diagnostics
        : lintPolicyGroup(path, document.text, this.options.fs, settings);
    const analysis: TokenFileAnalysis = { document, confAnalysis, diagnostics: diagnostics.filter((d) => d.file === path) };
    this.tokenFileAnalyses.set(path, analysis);
    return analysis;
  }

  /**
   * Re-validates what is stale and returns the open documents whose diagnostics come from a
   * new source (their own edit, or an edit to a file in the same include graph).
   */
  revalidate(): { path: string; uri: string; diagnostics: readonly LintDiagnostic[] }[] {
    const out: { path: string; uri: string; diagnostics: readonly LintDiagnostic[] }[] = [];
    for (const doc of this.documents.values()) {
      const current = this.diagnosticsWithSource(doc.path);
      const source = current?.source ?? doc;
      if (this.published.get(doc.path) === source) continue;
      this.published.set(doc.path, source);
      out.push({ path: doc.path, uri: doc.uri, diagnostics: current?.diagnostics ?? [] });
    }
    return out;
  }

  /** Names (conns, secrets ids) of every open and scanned file, for workspace symbols. */
  allNames(): readonly IndexedName[] {
    const out: IndexedName[] = [];
    const paths = new Set<string>([...this.documents.keys(), ...this.scannedFiles]);
    for (const path of paths) out.push(...this.namesOf(path));
    return out;
  }

  private namesOf(path: string): readonly IndexedName[] {
    const doc = this.documents.get(path);
    if (doc) return namesOfDocument(path, doc.parsed);
    let names = this.diskNames.get(path);
    if (!names) {
      const kind = kindOfFileName(path);
      const read = this.options.fs.readText(path);
      names = read.ok ? namesOfDocument(path, kind === 'conf' ? confParsed(this.confOf(path)) : parseDocument(read.text, kind, this.maxDocumentLength)) : [];
      this.diskNames.set(path, names);
    }
    return names;
  }
}

const emptyConf = parseConf('');

function confParsed(conf: ConfFile | undefined): ParsedDocument {
  return { kind: 'conf', conf: conf ?? emptyConf };
}
