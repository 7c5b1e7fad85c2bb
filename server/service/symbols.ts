import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver-protocol';
import type { ConfFile, ConfLine } from '../../grammar/conf/syntax-tree';
import type { PolicyGroupFile } from '../../grammar/policy';
import type { SecretsFile } from '../../grammar/secrets';
import type { TextRange } from '../../grammar/text-range';
import { secretsRecordKindLabel, secretsRecordName, type IndexedName } from './name-index';

function sectionRange(header: ConfLine, body: readonly ConfLine[]): TextRange {
  // Trailing blank and comment lines belong to the next section in the outline's eyes.
  let last = body.length - 1;
  while (last >= 0 && (body[last].kind === 'blank' || body[last].kind === 'comment')) last--;
  return { start: header.range.start, end: last >= 0 ? body[last].range.end : header.range.end };
}

/** The outline of ipsec.conf: `config setup`, each conn with its keys, includes. */
export function confDocumentSymbols(conf: ConfFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const section of conf.sections) {
    const range = sectionRange(section.header, section.body);
    const children: DocumentSymbol[] = [];
    for (const line of section.body) {
      if (line.kind !== 'assignment') continue;
      children.push({ name: line.key.text, detail: line.value?.text ?? '', kind: SymbolKind.Property, range: line.range, selectionRange: line.key.range });
    }
    switch (section.kind) {
      case 'setup':
        out.push({ name: 'config setup', kind: SymbolKind.Namespace, range, selectionRange: section.header.keyword.range, children });
        break;
      case 'conn':
        out.push({ name: section.name, detail: 'conn', kind: SymbolKind.Class, range, selectionRange: section.header.name.range, children });
        break;
      case 'include':
        out.push({ name: section.header.path.text, detail: 'include', kind: SymbolKind.File, range: section.header.range, selectionRange: section.header.path.range });
        break;
      case 'version':
        break;
    }
  }
  return out;
}

/** The outline of ipsec.secrets: one entry per record, named by its IDs; never its secret. */
export function secretsDocumentSymbols(secrets: SecretsFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const record of secrets.records) {
    if (record.kind === 'include') {
      out.push({ name: record.path.value, detail: 'include', kind: SymbolKind.File, range: record.range, selectionRange: record.path.range });
      continue;
    }
    const name = secretsRecordName(record);
    if (name === undefined) continue;
    out.push({ name, detail: secretsRecordKindLabel(record), kind: SymbolKind.Key, range: record.range, selectionRange: record.indices[0]?.range ?? record.range });
  }
  return out;
}

export function policyDocumentSymbols(policy: PolicyGroupFile): DocumentSymbol[] {
  return policy.entries.map((e) => ({
    name: e.address.value,
    detail: e.protocol ? `${e.protocol.value} ${e.sourcePort?.value ?? ''} ${e.destinationPort?.value ?? ''}`.trim() : undefined,
    kind: SymbolKind.Constant,
    range: e.range,
    selectionRange: e.address.range,
  }));
}

/** Subsequence match, case-insensitive: `wst` finds `west-east`, as editors' symbol pickers expect. */
function matchesQuery(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let i = 0;
  for (const c of query.toLowerCase()) {
    i = n.indexOf(c, i);
    if (i < 0) return false;
    i++;
  }
  return true;
}

const MAX_WORKSPACE_SYMBOLS = 1000;

/** Conns and secrets of every indexed file whose name matches the query. */
export function workspaceSymbols(names: readonly IndexedName[], query: string, uriOf: (path: string) => string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const n of names) {
    if (!matchesQuery(n.name, query)) continue;
    out.push({
      name: n.name,
      kind: n.kind === 'secret' ? SymbolKind.Key : SymbolKind.Class,
      containerName: n.kind === 'secret' ? n.detail : 'conn',
      location: { uri: uriOf(n.file), range: n.selectionRange },
    });
    if (out.length >= MAX_WORKSPACE_SYMBOLS) break;
  }
  return out;
}
