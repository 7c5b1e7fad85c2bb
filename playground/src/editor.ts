import { autocompletion, closeBrackets, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { indentUnit, syntaxHighlighting, type StreamLanguage } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Action, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, hoverTooltip, keymap, lineNumbers, type Tooltip } from '@codemirror/view';
import type { CodeAction, CompletionItem, Diagnostic, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { kindOfFileName } from '../../server/service/document-kind';
import confGrammar from '../../grammar/textmate/ipsec-conf.tmLanguage.json';
import policyGrammar from '../../grammar/textmate/ipsec-policy.tmLanguage.json';
import secretsGrammar from '../../grammar/textmate/ipsec-secrets.tmLanguage.json';
import { playgroundHighlightStyle } from './highlight';
import { markdownToHtml } from './markdown';
import { pathOfUri, toOffset, toPosition } from './positions';
import type { FileFindings } from './protocol';
import type { ServiceClient } from './service-client';
import { textMateLanguage, type Grammar } from './textmate-stream';

const languages: Record<'conf' | 'secrets' | 'policy', StreamLanguage<unknown>> = {
  conf: textMateLanguage(confGrammar as Grammar) as StreamLanguage<unknown>,
  secrets: textMateLanguage(secretsGrammar as Grammar) as StreamLanguage<unknown>,
  policy: textMateLanguage(policyGrammar as Grammar) as StreamLanguage<unknown>,
};

/** The grammar of a file: the service's own choice by name (ipsec.secrets, policies/…). */
export function languageOf(path: string): 'conf' | 'secrets' | 'policy' {
  return kindOfFileName(path);
}

/** LSP 3.18 lets a message be Markdown; the service writes plain text. */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

const severities = ['error', 'error', 'warning', 'info', 'hint'] as const;

/** Applies LSP text edits to one editor as one undoable change. */
export function applyTextEdits(view: EditorView, edits: readonly TextEdit[]): void {
  const doc = view.state.doc;
  const changes = edits.map((e) => ({ from: toOffset(doc, e.range.start), to: toOffset(doc, e.range.end), insert: e.newText }));
  view.dispatch({ changes, userEvent: 'input.fix' });
}

export interface FileEditorHost {
  readonly service: ServiceClient;
  /** Called on every edit; the host re-validates (debounced). */
  changed(): void;
  /** Resolves once the worker has the text as it is now (a request must not see a stale file). */
  ready(): Promise<void>;
  /** A code action may edit another open file (an `also=` target). */
  editorOf(path: string): EditorView | undefined;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.message === b.message && a.code === b.code && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** Runs a code action's workspace edit on the editors it names. */
export function applyCodeAction(host: FileEditorHost, action: CodeAction): void {
  for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
    const view = host.editorOf(pathOfUri(uri));
    if (view) applyTextEdits(view, edits);
  }
}

/** The page's diagnostics as the editor's, each with the quick fixes the service offers for it. */
export function showFindings(view: EditorView, host: FileEditorHost, findings: FileFindings): void {
  const doc = view.state.doc;
  const diagnostics: EditorDiagnostic[] = findings.diagnostics.map((d) => {
    const actions: Action[] = findings.actions
      .filter((a) => a.diagnostics?.some((ad) => sameDiagnostic(ad, d)))
      .map((a) => ({ name: a.title, apply: () => applyCodeAction(host, a) }));
    const from = toOffset(doc, d.range.start);
    return {
      from,
      to: Math.max(from, toOffset(doc, d.range.end)),
      severity: severities[d.severity ?? 1],
      message: messageText(d),
      source: typeof d.code === 'string' ? d.code : undefined,
      actions,
    };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

function documentationHtml(doc: string | MarkupContent | undefined): string | undefined {
  if (doc === undefined) return undefined;
  return typeof doc === 'string' ? markdownToHtml(doc) : markdownToHtml(doc.value);
}

function completionSource(path: string, host: FileEditorHost) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w%.@/-]*/);
    if (!context.explicit && (!word || word.from === word.to)) return null;
    await host.ready();
    if (context.aborted) return null;
    const list = await host.service.request('completion', { path, position: toPosition(context.state.doc, context.pos) });
    if (context.aborted || list.items.length === 0) return null;
    const doc = context.state.doc;
    let from = context.pos;
    const options: Completion[] = list.items.map((item: CompletionItem) => {
      const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
      const start = edit ? toOffset(doc, edit.range.start) : (word?.from ?? context.pos);
      from = Math.min(from, start);
      const info = documentationHtml(item.documentation);
      return {
        label: item.label,
        detail: item.detail,
        sortText: item.sortText,
        boost: item.preselect ? 10 : undefined,
        apply: edit ? edit.newText : (item.insertText ?? item.label),
        info: info
          ? () => {
              const dom = document.createElement('div');
              dom.className = 'doc';
              dom.innerHTML = info;
              return dom;
            }
          : undefined,
      };
    });
    return { from, options };
  };
}

function hoverSource(path: string, host: FileEditorHost) {
  return hoverTooltip(async (view, pos): Promise<Tooltip | null> => {
    await host.ready();
    const hover = await host.service.request('hover', { path, position: toPosition(view.state.doc, pos) });
    if (!hover) return null;
    const contents = hover.contents;
    const markdown = typeof contents === 'string' ? contents : 'value' in contents ? contents.value : contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n');
    const range = hover.range;
    return {
      pos: range ? toOffset(view.state.doc, range.start) : pos,
      end: range ? toOffset(view.state.doc, range.end) : pos,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'doc hover';
        dom.innerHTML = markdownToHtml(markdown);
        return { dom };
      },
    };
  });
}

/** Asks the service to format the file and applies its edits. */
export async function formatFile(view: EditorView, path: string, host: FileEditorHost): Promise<string | undefined> {
  await host.ready();
  const edits = await host.service.request('format', { path });
  if ('refused' in edits) return edits.refused;
  if (edits.length > 0) applyTextEdits(view, edits);
  return undefined;
}

/** An editor for one file of the page, wired to the worker's language service. */
export function createFileEditor(path: string, text: string, host: FileEditorHost, parent: HTMLElement, withService = true): EditorView {
  const format = (view: EditorView): boolean => {
    void formatFile(view, path, host);
    return true;
  };
  const extensions: Extension[] = [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    closeBrackets(),
    languages[languageOf(path)],
    syntaxHighlighting(playgroundHighlightStyle),
    lintGutter(),
    withService ? [hoverSource(path, host), autocompletion({ override: [completionSource(path, host)] })] : [],
    keymap.of([...(withService ? [{ key: 'Shift-Alt-f', run: format }] : []), ...completionKeymap, ...lintKeymap, ...searchKeymap, ...historyKeymap, ...defaultKeymap, indentWithTab]),
    // Libreswan's files are indented with tabs; Enter keeps the line's indentation, in tabs.
    EditorState.tabSize.of(8),
    indentUnit.of('\t'),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) host.changed();
    }),
    EditorView.contentAttributes.of({ 'aria-label': `${path} editor`, 'data-path': path }),
  ];
  return new EditorView({ parent, state: EditorState.create({ doc: text, extensions }) });
}
