import type { AssignmentLine } from '../../grammar/conf/syntax-tree';
import type { VersionBehaviour } from '../../schemas/behaviour';
import type { KeywordTable, Section } from '../../schemas/keywords';
import type { LoadedConfig, LoadedFile, PlacedSection } from './include-graph';
import { resolveKeyName, type KeyMeaning } from './keyword-names';
import { sameSettingValue } from './value-equality';

/** One `key=value` line of a section, understood for the target version. */
export interface Assignment {
  readonly file: LoadedFile;
  readonly placed: PlacedSection;
  readonly line: AssignmentLine;
  readonly meaning: KeyMeaning;
  /** The value as Libreswan reads it (quotes stripped); empty for `key=`. */
  readonly value: string;
}

export interface Setting {
  readonly storageKey: string;
  readonly value: string;
  readonly source: Assignment;
  /** Where the value entered this conn: its own section, a section pulled in by `also=`, or `%default`. */
  readonly via: 'conn' | 'also' | 'default';
}

export type ConnProblem =
  | { readonly kind: 'also-missing'; readonly target: string; readonly at: Assignment }
  | { readonly kind: 'also-cycle'; readonly target: string; readonly at: Assignment }
  | { readonly kind: 'conflict'; readonly storageKey: string; readonly kept: Setting; readonly clash: Assignment; readonly sameValue: boolean };

export interface ResolvedConn {
  readonly name: string;
  readonly placed: PlacedSection;
  /** Effective settings after `%default` and `also=`, keyed by storage key (`leftsubnet`, `ike`). */
  readonly settings: ReadonlyMap<string, Setting>;
  /** Sections pulled in through `also=`, in expansion order. */
  readonly alsoSections: readonly PlacedSection[];
  readonly problems: readonly ConnProblem[];
}

export interface ResolvedConfig {
  readonly loaded: LoadedConfig;
  /** Every assignment of every section, in file order. */
  readonly assignments: ReadonlyMap<PlacedSection, readonly Assignment[]>;
  /** `config setup` after pooling all its sections (a later value wins). */
  readonly setup: ReadonlyMap<string, Setting>;
  /** Every non-`%default` conn, in file order (a duplicate name appears twice). */
  readonly conns: readonly ResolvedConn[];
  /** Conn sections by name (a duplicate name lists every section), `%default` included. */
  readonly sectionsByName: ReadonlyMap<string, readonly PlacedSection[]>;
}

const DEFAULT_CONN = '%default';

function understand(loaded: LoadedConfig, table: KeywordTable): Map<PlacedSection, Assignment[]> {
  const result = new Map<PlacedSection, Assignment[]>();
  for (const placed of loaded.sections) {
    const section: Section = placed.section.kind === 'setup' ? 'config' : 'conn';
    const list: Assignment[] = [];
    for (const line of placed.section.body) {
      if (line.kind !== 'assignment') continue;
      list.push({ file: placed.file, placed, line, meaning: resolveKeyName(line.key.text, section, table), value: line.value?.text ?? '' });
    }
    result.set(placed, list);
  }
  return result;
}

/** Whether an assignment contributes a value (comment keys, obsolete and unknown keys do not). */
function storageKeyOf(a: Assignment): string | undefined {
  if (a.meaning.kind !== 'known') return undefined;
  const status = a.meaning.match.info.status;
  return status === 'keyword' || status === 'alias' ? a.meaning.storageKey : undefined;
}

/**
 * Builds every conn's effective settings with Libreswan's rules: all `%default` sections
 * first (a later one wins, silently overridden by the conn), then the conn's own lines with
 * each `also=` spliced in where it stands, every section at most once per conn. A key set
 * twice with different values is a conflict that stops the conn from loading.
 *
 * Linear in the size of the config times the depth of `also=` chains: each conn visits only
 * the sections its own `also=` closure reaches.
 */
export function resolveConnections(loaded: LoadedConfig, table: KeywordTable, behaviour: VersionBehaviour): ResolvedConfig {
  const assignments = understand(loaded, table);
  const sectionsByName = new Map<string, PlacedSection[]>();
  for (const placed of loaded.sections) {
    if (placed.section.kind !== 'conn') continue;
    const list = sectionsByName.get(placed.section.name);
    if (list) list.push(placed);
    else sectionsByName.set(placed.section.name, [placed]);
  }

  const setup = new Map<string, Setting>();
  const defaults = new Map<string, Setting>();
  for (const placed of loaded.sections) {
    const isSetup = placed.section.kind === 'setup';
    if (!isSetup && !(placed.section.kind === 'conn' && placed.section.name === DEFAULT_CONN)) continue;
    for (const a of assignments.get(placed) ?? []) {
      const key = storageKeyOf(a);
      if (!key || key === 'also') continue;
      (isSetup ? setup : defaults).set(key, { storageKey: key, value: a.value, source: a, via: isSetup ? 'conn' : 'default' });
    }
  }

  const conns: ResolvedConn[] = [];
  for (const placed of loaded.sections) {
    if (placed.section.kind !== 'conn' || placed.section.name === DEFAULT_CONN) continue;
    conns.push(resolveOne(placed, assignments, sectionsByName, defaults, behaviour));
  }
  return { loaded, assignments, setup, conns, sectionsByName };
}

function resolveOne(
  placed: PlacedSection,
  assignments: ReadonlyMap<PlacedSection, readonly Assignment[]>,
  sectionsByName: ReadonlyMap<string, readonly PlacedSection[]>,
  defaults: ReadonlyMap<string, Setting>,
  behaviour: VersionBehaviour,
): ResolvedConn {
  const settings = new Map<string, Setting>(defaults);
  const problems: ConnProblem[] = [];
  const visited = new Set<PlacedSection>([placed]);
  const alsoSections: PlacedSection[] = [];

  const path: PlacedSection[] = [];
  const apply = (section: PlacedSection, via: 'conn' | 'also'): void => {
    path.push(section);
    const seenHere = new Set<string>();
    for (const a of assignments.get(section) ?? []) {
      const key = storageKeyOf(a);
      if (!key) continue;
      if (key === 'also') {
        const target = sectionsByName.get(a.value)?.[0];
        if (!target) problems.push({ kind: 'also-missing', target: a.value, at: a });
        else if (visited.has(target)) {
          // Libreswan silently skips a section it has expanded for this conn already;
          // only a loop back to a section on the current path is worth a word.
          if (path.includes(target)) problems.push({ kind: 'also-cycle', target: a.value, at: a });
        } else {
          visited.add(target);
          alsoSections.push(target);
          apply(target, 'also');
        }
        continue;
      }
      const duplicateInSection = seenHere.has(key);
      seenHere.add(key);
      // 5.x's parser drops a repeated key inside one section before conns are built.
      if (duplicateInSection && behaviour.duplicateKeyInSection === 'first-wins') continue;
      const existing = settings.get(key);
      if (existing && existing.via !== 'default') {
        if (a.meaning.kind === 'known' && a.meaning.canonical.schema.accumulates) {
          settings.set(key, { ...existing, value: `${existing.value} ${a.value}` });
          continue;
        }
        const same = a.meaning.kind === 'known' && sameSettingValue(existing.value, a.value, a.meaning.canonical.info.type);
        problems.push({ kind: 'conflict', storageKey: key, kept: existing, clash: a, sameValue: same });
        continue;
      }
      settings.set(key, { storageKey: key, value: a.value, source: a, via });
    }
    path.pop();
  };
  apply(placed, 'conn');
  return { name: placed.section.kind === 'conn' ? placed.section.name : '', placed, settings, alsoSections, problems };
}
