import type { TextRange } from '../../grammar/text-range';
import type { SecretsRecord } from '../../grammar/secrets';
import type { ParsedDocument } from './parsed-document';

/** A name a file exports to the workspace: a conn, or the ids a secret is for. */
export interface IndexedName {
  readonly name: string;
  readonly kind: 'conn' | 'setup' | 'secret' | 'policy-entry';
  readonly file: string;
  /** The whole section or record. */
  readonly range: TextRange;
  /** The name itself. */
  readonly selectionRange: TextRange;
  readonly detail?: string;
}

/** How a secrets record is named in outlines and searches: its index selectors, never its data. */
export function secretsRecordName(record: SecretsRecord): string | undefined {
  if (record.kind === 'include' || record.kind === 'error') return undefined;
  return record.indices.length > 0 ? record.indices.map((i) => i.value).join(' ') : '(any peer)';
}

export function secretsRecordKindLabel(record: SecretsRecord): string {
  if (record.kind === 'include') return 'include';
  return record.kindToken?.text ?? record.kind;
}

export function namesOfDocument(file: string, parsed: ParsedDocument): IndexedName[] {
  const out: IndexedName[] = [];
  if (parsed.kind === 'conf') {
    for (const section of parsed.conf.sections) {
      if (section.kind === 'conn') {
        const last = section.body.length > 0 ? section.body[section.body.length - 1].range.end : section.header.range.end;
        out.push({ name: section.name, kind: 'conn', file, range: { start: section.header.range.start, end: last }, selectionRange: section.header.name.range });
      }
    }
  } else if (parsed.kind === 'secrets') {
    for (const record of parsed.secrets.records) {
      const name = secretsRecordName(record);
      if (name === undefined) continue;
      const selection = record.kind !== 'include' && record.kind !== 'error' && record.indices.length > 0 ? { start: record.indices[0].range.start, end: record.indices[record.indices.length - 1].range.end } : record.range;
      out.push({ name, kind: 'secret', file, range: record.range, selectionRange: selection, detail: secretsRecordKindLabel(record) });
    }
  }
  return out;
}
