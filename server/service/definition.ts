import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { ValueNode } from '../../grammar/conf/syntax-tree';
import type { Assignment } from '../model/connections';
import { confTargetAt } from './conf-position';
import type { ConfFeatureContext } from './context';

/** A conn name under the cursor: a `conn NAME` header or the value of `also=`. */
interface ConnNameAt {
  readonly name: string;
  readonly node: ValueNode;
}

function isAlso(a: Assignment): boolean {
  return a.meaning.kind === 'known' && a.meaning.storageKey === 'also';
}

function connNameAt(context: ConfFeatureContext, pos: Position): ConnNameAt | undefined {
  const target = confTargetAt(context.conf, pos);
  if (target?.kind === 'conn-name') return { name: target.line.name.text, node: target.line.name };
  if (target?.kind === 'value' && target.line.value) {
    const assignments = context.analysis?.result.config.assignments;
    for (const list of assignments?.values() ?? []) {
      const a = list.find((x) => x.line === target.line);
      if (a) return isAlso(a) ? { name: target.line.value.text, node: target.line.value } : undefined;
    }
    // Not in the analysed graph (should not happen): trust the spelling.
    return /^also$/i.test(target.line.key.text) ? { name: target.line.value.text, node: target.line.value } : undefined;
  }
  return undefined;
}

/** The text inside quotes: what rename replaces, so `also="a b"` keeps its quotes. */
function innerRange(node: ValueNode): Range {
  if (node.quoting === 'bare') return node.range;
  return { start: { line: node.range.start.line, character: node.range.start.character + 1 }, end: { line: node.range.end.line, character: node.range.end.character - 1 } };
}

interface NameOccurrence {
  readonly file: string;
  readonly node: ValueNode;
  readonly declaration: boolean;
}

function occurrences(context: ConfFeatureContext, name: string): NameOccurrence[] {
  const config = context.analysis?.result.config;
  if (!config) return [];
  const out: NameOccurrence[] = [];
  for (const placed of config.sectionsByName.get(name) ?? []) {
    if (placed.section.kind === 'conn') out.push({ file: placed.file.path, node: placed.section.header.name, declaration: true });
  }
  for (const list of config.assignments.values()) {
    for (const a of list) if (isAlso(a) && a.value === name && a.line.value) out.push({ file: a.file.path, node: a.line.value, declaration: false });
  }
  return out;
}

/** Go to definition: the conn an `also=` names, or the files an include reads. */
export function confDefinition(context: ConfFeatureContext, pos: Position): Location[] {
  const target = confTargetAt(context.conf, pos);
  if (target?.kind === 'include-path') {
    const edge = context.analysis?.result.config.loaded.includes.find((e) => e.line === target.line);
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return (edge?.targets ?? []).map((t) => ({ uri: context.uriOf(t), range: zero }));
  }
  const at = connNameAt(context, pos);
  if (!at) return [];
  return occurrences(context, at.name).filter((o) => o.declaration).map((o) => ({ uri: context.uriOf(o.file), range: o.node.range }));
}

/** Every `conn NAME` and `also=NAME` in the include graph. */
export function confReferences(context: ConfFeatureContext, pos: Position, includeDeclaration: boolean): Location[] {
  const at = connNameAt(context, pos);
  if (!at) return [];
  return occurrences(context, at.name)
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri: context.uriOf(o.file), range: o.node.range }));
}

export function confPrepareRename(context: ConfFeatureContext, pos: Position): { range: Range; placeholder: string } | null {
  const at = connNameAt(context, pos);
  if (!at || at.name === '%default') return null;
  return { range: innerRange(at.node), placeholder: at.name };
}

/** Why a conn name cannot be used, or undefined. Libreswan splits the header on blanks and reads `#` as a comment. */
export function connNameProblem(name: string): string | undefined {
  if (name === '') return 'a conn name cannot be empty';
  if (/[\s#"'{}=]/.test(name)) return `'${name}' cannot be a conn name: no blanks, quotes, braces, '=' or '#'`;
  if (name.startsWith('%')) return `'${name}' cannot be a conn name: names starting with % are reserved`;
  return undefined;
}

/** Renames a conn everywhere in its include graph: headers and every `also=`. */
export function confRename(context: ConfFeatureContext, pos: Position, newName: string): WorkspaceEdit | null {
  const at = connNameAt(context, pos);
  if (!at || at.name === '%default') return null;
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences(context, at.name)) {
    const uri = context.uriOf(o.file);
    (changes[uri] ??= []).push({ range: innerRange(o.node), newText: newName });
  }
  return { changes };
}
