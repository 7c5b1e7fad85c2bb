import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { SettingsProblem } from '../settings/settings-file';
import type { PublishedDiagnostics } from '../service/language-service';
import type { FromValidationWorker, ToValidationWorker } from './validation-protocol';

/** How long one document may take to check before its checks are stopped (settable per server for tests). */
export const DEFAULT_CHECK_TIME_BUDGET_MS = 10_000;

/**
 * The validation worker's young generation, at most (V8 grows it only as a workload needs,
 * so small files never reach it). A re-validation of a 5,000-line file allocates tens of
 * megabytes that die by the next edit; with V8's default (16 MB semi-spaces) every edit
 * pays a scavenge that copies the live tree, about a third of its CPU time. 192 MB (64 MB
 * semi-spaces) made the median re-validation about a quarter faster in bench/lsp.ts, for up
 * to about 150 MB more resident memory while such a file is edited.
 */
export const VALIDATION_YOUNG_GENERATION_MB = 192;

export interface BackgroundValidationEvents {
  published(published: readonly PublishedDiagnostics[], settingsFileProblems: ReadonlyMap<string, readonly SettingsProblem[]>): void;
  log(message: string): void;
}

type OpenText = { readonly languageId: string | undefined; readonly version: number; readonly text: string };

/**
 * Runs validation in a worker thread (validation-worker.ts) and keeps it to a time budget.
 * The worker holds its own copy of the state, replayed from here when it is started again:
 * a document whose check runs past the budget ends the worker, gets one diagnostic saying
 * its checks stopped, and is given to the next worker as an empty text until it changes.
 */
export class BackgroundValidation {
  private worker: Worker | undefined;
  private readonly documents = new Map<string, OpenText>();
  private settings: Extract<ToValidationWorker, { kind: 'settings' }> | undefined;
  private folders: Extract<ToValidationWorker, { kind: 'folders' }> | undefined;
  /** Documents whose checks were stopped, with the version that was too heavy. */
  private readonly stopped = new Map<string, number>();
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    private readonly events: BackgroundValidationEvents,
    private readonly budgetMs: number,
  ) {}

  isStopped(uri: string): boolean {
    return this.stopped.has(uri);
  }

  send(message: ToValidationWorker): void {
    switch (message.kind) {
      case 'settings':
        this.settings = message;
        break;
      case 'folders':
        this.folders = message;
        break;
      case 'open': {
        const stoppedAt = this.stopped.get(message.uri);
        // An edit gives a stopped document another chance.
        if (stoppedAt !== undefined && stoppedAt !== message.version) this.stopped.delete(message.uri);
        this.documents.set(message.uri, message);
        if (this.stopped.has(message.uri)) return;
        break;
      }
      case 'close':
        this.documents.delete(message.uri);
        this.stopped.delete(message.uri);
        break;
      default:
        break;
    }
    this.post(message);
  }

  validate(): void {
    this.generation++;
    this.post({ kind: 'validate', generation: this.generation });
  }

  dispose(): void {
    this.clearTimer();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private post(message: ToValidationWorker): void {
    if (!this.worker) {
      // A new worker learns the whole state, which already includes this message's change.
      if (message.kind !== 'validate') return;
      this.start();
    }
    this.worker!.postMessage(message);
  }

  private start(): void {
    const worker = new Worker(this.script, { workerData: { role: 'ipsec-lint-validation' }, resourceLimits: { maxYoungGenerationSizeMb: VALIDATION_YOUNG_GENERATION_MB } });
    this.worker = worker;
    worker.on('message', (message: FromValidationWorker) => this.receive(worker, message));
    worker.on('error', (error) => this.events.log(`ipsec-lint: validation worker failed: ${error.stack ?? String(error)}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    if (this.settings) worker.postMessage(this.settings);
    if (this.folders) worker.postMessage(this.folders);
    for (const [uri, doc] of this.documents) {
      const text = this.stopped.has(uri) ? '' : doc.text;
      worker.postMessage({ kind: 'open', uri, languageId: doc.languageId, version: doc.version, text } satisfies ToValidationWorker);
    }
  }

  private receive(worker: Worker, message: FromValidationWorker): void {
    if (worker !== this.worker) return;
    switch (message.kind) {
      case 'checking':
        this.clearTimer();
        this.timer = setTimeout(() => this.stop(message.uri), this.budgetMs);
        break;
      case 'published': {
        this.clearTimer();
        const published = message.published.map((p) => (this.stopped.has(p.uri) ? { ...p, diagnostics: [this.stoppedDiagnostic()] } : p));
        this.events.published(published, new Map(message.settingsFileProblems));
        break;
      }
      case 'failed':
        this.clearTimer();
        this.events.log(`ipsec-lint: validation failed: ${message.message}`);
        break;
    }
  }

  /** The check of `uri` ran past the budget: end the worker, say so on the document, check the rest again. */
  private stop(uri: string): void {
    this.timer = undefined;
    const doc = this.documents.get(uri);
    if (!doc) return;
    this.stopped.set(uri, doc.version);
    void this.worker?.terminate();
    this.worker = undefined;
    this.events.published([{ uri, version: doc.version, diagnostics: [this.stoppedDiagnostic()] }], new Map());
    this.validate();
  }

  private stoppedDiagnostic(): Diagnostic {
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 2,
      source: 'ipsec-lint',
      code: 'not-checked',
      message: `checks stopped: this document took longer than ${Math.round(this.budgetMs / 1000)} s to check; it is checked again when it changes (the ipsec-lint command line checks it without a time limit)`,
    };
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
