import type { EditorView } from '@codemirror/view';
import { createFileEditor, type FileEditorHost } from './editor';
import { HOST_ETC, type FileSet } from './protocol';

/** What a person may name a file: the layout Libreswan reads below /etc. */
const FILE_NAME = /^(ipsec\.conf|ipsec\.secrets|ipsec\.d\/[\w.-]+\.(conf|secrets)|ipsec\.d\/policies\/[\w.-]+)$/;

export function fileNameProblem(name: string): string | undefined {
  return FILE_NAME.test(name) ? undefined : 'use ipsec.conf, ipsec.secrets, ipsec.d/NAME.conf, ipsec.d/NAME.secrets or ipsec.d/policies/NAME';
}

/** The name a tab shows: the path below /etc. */
export function tabLabel(path: string): string {
  return path.startsWith(`${HOST_ETC}/`) ? path.slice(HOST_ETC.length + 1) : path;
}

/** A set of files with a tab each and one editor shown at a time. */
export class FileTabs {
  readonly editors = new Map<string, EditorView>();
  private readonly holders = new Map<string, HTMLElement>();
  active: string | undefined;

  constructor(
    private readonly bar: HTMLElement,
    private readonly area: HTMLElement,
    private readonly host: FileEditorHost,
    private readonly withService: boolean,
    private readonly onSelect: (path: string) => void = () => {},
  ) {}

  files(): FileSet {
    return Object.fromEntries([...this.editors].map(([path, view]) => [path, view.state.doc.toString()]));
  }

  setFiles(files: FileSet): void {
    for (const view of this.editors.values()) view.destroy();
    this.editors.clear();
    this.holders.clear();
    this.area.replaceChildren();
    const paths = Object.keys(files).sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
    for (const path of paths) this.add(path, files[path], false);
    this.renderTabs();
    if (paths.length > 0) this.select(paths[0]);
  }

  add(path: string, text: string, select = true): void {
    if (this.editors.has(path)) {
      if (select) this.select(path);
      return;
    }
    const holder = document.createElement('div');
    holder.className = 'editor-holder';
    holder.dataset.path = path;
    holder.hidden = true;
    this.area.append(holder);
    this.holders.set(path, holder);
    this.editors.set(path, createFileEditor(path, text, this.host, holder, this.withService));
    if (select) {
      this.renderTabs();
      this.select(path);
      this.host.changed();
    }
  }

  remove(path: string): void {
    this.editors.get(path)?.destroy();
    this.editors.delete(path);
    this.holders.get(path)?.remove();
    this.holders.delete(path);
    if (this.active === path) this.active = undefined;
    this.renderTabs();
    const first = this.editors.keys().next();
    if (!first.done) this.select(first.value);
    this.host.changed();
  }

  select(path: string): void {
    if (!this.editors.has(path)) return;
    this.active = path;
    for (const [p, holder] of this.holders) holder.hidden = p !== path;
    for (const tab of this.bar.querySelectorAll<HTMLElement>('[role=tab]')) tab.setAttribute('aria-selected', String(tab.dataset.path === path));
    this.editors.get(path)?.requestMeasure();
    this.onSelect(path);
  }

  private renderTabs(): void {
    this.bar.replaceChildren();
    for (const path of this.editors.keys()) {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.dataset.path = path;
      tab.textContent = tabLabel(path);
      tab.setAttribute('aria-selected', String(path === this.active));
      tab.addEventListener('click', () => this.select(path));
      this.bar.append(tab);
      if (path !== `${HOST_ETC}/ipsec.conf`) {
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'close-tab';
        close.title = `Close ${tabLabel(path)}`;
        close.textContent = '×';
        close.addEventListener('click', () => this.remove(path));
        this.bar.append(close);
      }
    }
    const addButton = document.createElement('button');
    addButton.type = 'button';
    addButton.className = 'add-file';
    addButton.textContent = '+ file';
    addButton.title = 'Add a file (ipsec.d/NAME.conf, ipsec.secrets…)';
    addButton.addEventListener('click', () => {
      const name = window.prompt('File name below /etc (ipsec.d/NAME.conf, ipsec.secrets, …)', 'ipsec.d/new.conf');
      if (name === null) return;
      const problem = fileNameProblem(name.trim());
      if (problem) {
        window.alert(problem);
        return;
      }
      this.add(`${HOST_ETC}/${name.trim()}`, '');
    });
    this.bar.append(addButton);
  }
}

/** ipsec.conf first, then ipsec.d/, then secrets: the order a person reads them. */
function order(path: string): number {
  if (path.endsWith('/ipsec.conf')) return 0;
  if (path.endsWith('.secrets')) return 2;
  return 1;
}
