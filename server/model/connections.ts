import type { AssignmentLine } from '../../grammar/conf/syntax-tree';
import type { VersionBehaviour } from '../../schemas/behaviour';
import type { KeywordTable, Section } from '../../schemas/keywords';
import type { LoadedConfig, LoadedFile, PlacedSection } from './include-graph';
import { resolveKeyName, type KeyMeaning } from './keyword-names';
import { repeatIsHarmless, sameSettingValue } from './value-equality';

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
  | ConflictProblem
  /**
   * A clash inside a section this conn pulls in: Libreswan expands that section again for
   * every conn that names it, so the clash refuses this conn too. `via` is the `also=` line
   * through which it came.
   */
  | { readonly kind: 'inherited-conflict'; readonly via: Assignment; readonly conflict: ConflictProblem };

/** A key met twice while combining a conn; the first value is the one kept. */
export interface ConflictProblem {
  readonly kind: 'conflict';
  readonly storageKey: string;
  readonly kept: Setting;
  readonly clash: Assignment;
  /** The two values mean the same (`yes` and `true`, `1h` and `60m`). */
  readonly sameValue: boolean;
  /** The version refuses the conn for this repeat (see `VersionBehaviour.repeatJudgedAs`): always when the values differ, in 4.x-5.2 also for a text-typed key with the same value. */
  readonly refuses: boolean;
}

export interface ResolvedConn {
  readonly name: string;
  readonly placed: PlacedSection;
  /** Effective settings after `%default` and `also=`, keyed by storage key (`leftsubnet`, `ike`). */
  readonly settings: ReadonlyMap<string, Setting>;
  /** Sections pulled in through `also=`, in expansion order. */
  readonly alsoSections: readonly PlacedSection[];
  /**
   * Problems met while expanding this conn's own lines and merging what its `also=` targets
   * bring; a problem inside a target's own expansion is that target's (reported once there).
   */
  readonly problems: readonly ConnProblem[];
  /**
   * The conn fails to combine: a missing `also=` target or a clash, here or in a conn it pulls
   * in. Libreswan's `ipsec add` refuses it; whether pluto's startup load still sends it is
   * `VersionBehaviour.failedConnLoadsAtStartup`.
   */
  readonly refused: boolean;
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


/** One step of a section's expansion: a value it sets, or an `also=` to splice in where it stands. */
type Item =
  | { readonly kind: 'set'; readonly key: string; readonly at: Assignment }
  | { readonly kind: 'also'; readonly target: PlacedSection | undefined; readonly at: Assignment };

/** A value as it stands after expanding a section, before we know which conn it ends up in. */
interface Contribution {
  readonly value: string;
  readonly source: Assignment;
}

/** A section expanded on its own: what its `also=` closure sets, and whether that closure is loadable. */
interface Expansion {
  readonly values: ReadonlyMap<string, Contribution>;
  readonly problems: readonly ConnProblem[];
  /** A missing target or two different values somewhere in the closure: Libreswan refuses the conn. */
  readonly refused: boolean;
}

/**
 * A loop of more sections than this is expanded once for all its members (cut where our walk
 * closes it) instead of once per member, which costs the square of its size.
 */
export const MAX_EXACT_ALSO_LOOP = 64;

/**
 * Builds every conn's effective settings with Libreswan's rules: all `%default` sections
 * first (a later one wins, silently overridden by the conn), then the conn's own lines with
 * each `also=` spliced in where it stands, every section at most once per conn. A key set
 * twice with different values is a conflict that stops the conn from loading.
 *
 * Linear in the config whatever the shape of the `also=` graph: each section is expanded
 * once, into a map of at most one value per keyword, and a conn that pulls in a section
 * merges that map rather than walking the section's closure again. Merging a shared
 * section's map twice is harmless because a value met again from the same line is not a
 * clash. Inside an `also=` loop the closure depends on where a conn enters it, so each member
 * of a small loop is walked on its own (exact); a loop longer than MAX_EXACT_ALSO_LOOP is
 * walked once, cut where the walk meets a member it is still expanding.
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

  const items = new Map<PlacedSection, Item[]>();
  for (const placed of loaded.sections) {
    if (placed.section.kind !== 'conn' || items.has(placed)) continue;
    items.set(placed, itemsOf(assignments.get(placed) ?? [], sectionsByName, behaviour));
  }
  const expansions = expandAll(items, behaviour);

  const conns: ResolvedConn[] = [];
  const built = new Map<PlacedSection, ResolvedConn>();
  for (const placed of loaded.sections) {
    if (placed.section.kind !== 'conn' || placed.section.name === DEFAULT_CONN) continue;
    // An include loop places the very same section again: it is the same conn, listed once
    // (include-problem reports the loop; duplicate-conn-name sees every placement).
    if (built.has(placed)) continue;
    const conn = new ExpandedConn(placed, expansions.get(placed)!, defaults, items);
    built.set(placed, conn);
    conns.push(conn);
  }
  return { loaded, assignments, setup, conns, sectionsByName };
}

function itemsOf(list: readonly Assignment[], sectionsByName: ReadonlyMap<string, readonly PlacedSection[]>, behaviour: VersionBehaviour): Item[] {
  const out: Item[] = [];
  const seenHere = new Set<string>();
  for (const a of list) {
    const key = storageKeyOf(a);
    if (!key) continue;
    if (key === 'also') {
      out.push({ kind: 'also', target: sectionsByName.get(a.value)?.[0], at: a });
      continue;
    }
    // 5.x's parser drops a repeated key inside one section before conns are built.
    if (seenHere.has(key) && behaviour.duplicateKeyInSection === 'first-wins') continue;
    seenHere.add(key);
    out.push({ kind: 'set', key, at: a });
  }
  return out;
}

/**
 * Strongly connected parts of the `also=` graph, each listed after every part it reaches
 * (Tarjan's algorithm, with an explicit stack: a chain thousands of conns deep must not
 * overflow the call stack).
 */
function loopsInOrder(items: ReadonlyMap<PlacedSection, readonly Item[]>): PlacedSection[][] {
  const index = new Map<PlacedSection, number>();
  const low = new Map<PlacedSection, number>();
  const onStack = new Set<PlacedSection>();
  const stack: PlacedSection[] = [];
  const parts: PlacedSection[][] = [];
  let counter = 0;
  for (const start of items.keys()) {
    if (index.has(start)) continue;
    const frames: { node: PlacedSection; next: number }[] = [];
    const open = (node: PlacedSection): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, next: 0 });
    };
    open(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const list = items.get(frame.node) ?? [];
      if (frame.next < list.length) {
        const item = list[frame.next++];
        if (item.kind !== 'also' || !item.target || !items.has(item.target)) continue;
        const target = item.target;
        if (!index.has(target)) open(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      frames.pop();
      const node = frame.node;
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === index.get(node)) {
        const part: PlacedSection[] = [];
        let member: PlacedSection;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          part.push(member);
        } while (member !== node);
        parts.push(part.reverse());
      }
    }
  }
  return parts;
}

/** How many missing-target and clash problems a conn takes over from each section it merges. */
const MAX_INHERITED_PROBLEMS = 8;

function expandAll(items: ReadonlyMap<PlacedSection, readonly Item[]>, behaviour: VersionBehaviour): Map<PlacedSection, Expansion> {
  const done = new Map<PlacedSection, Expansion>();
  for (const part of loopsInOrder(items)) {
    const members = new Set(part);
    const exact = part.length <= MAX_EXACT_ALSO_LOOP;
    const results = new Map<PlacedSection, Expansion>();
    for (const section of part) {
      const enter = (t: PlacedSection): 'enter' | 'merge' | 'cut' => {
        if (!members.has(t)) return 'merge';
        if (exact) return 'enter';
        return results.has(t) ? 'merge' : t === section ? 'enter' : 'cut';
      };
      results.set(section, expandOne(section, items, behaviour, enter, (t) => done.get(t) ?? results.get(t)!));
    }
    // A member's map is used by the sections outside its loop only once the whole loop is done.
    for (const [section, expansion] of results) done.set(section, expansion);
  }
  return done;
}

/**
 * Expands one section in Libreswan's order. Sections of its own loop are walked line by line
 * (`enter`); any other target has been expanded already and its map is merged (`merge`).
 */
function expandOne(
  root: PlacedSection,
  items: ReadonlyMap<PlacedSection, readonly Item[]>,
  behaviour: VersionBehaviour,
  enter: (target: PlacedSection) => 'enter' | 'merge' | 'cut',
  expansionOf: (target: PlacedSection) => Expansion,
): Expansion {
  const values = new Map<string, Contribution>();
  const problems: ConnProblem[] = [];
  let refused = false;
  const visited = new Set<PlacedSection>([root]);
  const path = new Set<PlacedSection>([root]);
  const frames: { section: PlacedSection; next: number }[] = [{ section: root, next: 0 }];
  const asSetting = (key: string, c: Contribution): Setting => ({ storageKey: key, value: c.value, source: c.source, via: c.source.placed === root ? 'conn' : 'also' });

  const add = (key: string, c: Contribution): void => {
    const existing = values.get(key);
    if (!existing) {
      values.set(key, c);
      return;
    }
    if (existing.source === c.source) return;
    const meaning = c.source.meaning;
    if (meaning.kind === 'known' && meaning.canonical.schema.accumulates) {
      values.set(key, { value: `${existing.value} ${c.value}`, source: existing.source });
      return;
    }
    const same = meaning.kind === 'known' && sameSettingValue(existing.value, c.value, meaning.canonical.info.type);
    const harmless = meaning.kind === 'known' && repeatIsHarmless(existing.value, c.value, meaning.match.info, behaviour);
    if (!harmless) refused = true;
    problems.push({ kind: 'conflict', storageKey: key, kept: asSetting(key, existing), clash: c.source, sameValue: same, refuses: !harmless });
  };

  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    const list = items.get(frame.section) ?? [];
    if (frame.next >= list.length) {
      path.delete(frame.section);
      frames.pop();
      continue;
    }
    const item = list[frame.next++];
    if (item.kind === 'set') {
      add(item.key, { value: item.at.value, source: item.at });
      continue;
    }
    const target = item.target;
    if (!target) {
      problems.push({ kind: 'also-missing', target: item.at.value, at: item.at });
      refused = true;
      continue;
    }
    if (visited.has(target)) {
      // Libreswan silently skips a section it has expanded for this conn already;
      // only a loop back to a section on the current path is worth a word.
      if (path.has(target)) problems.push({ kind: 'also-cycle', target: item.at.value, at: item.at });
      continue;
    }
    const how = enter(target);
    if (how === 'cut') {
      problems.push({ kind: 'also-cycle', target: item.at.value, at: item.at });
      continue;
    }
    visited.add(target);
    if (how === 'merge') {
      const expansion = expansionOf(target);
      refused ||= expansion.refused;
      for (const [key, c] of expansion.values) add(key, c);
      // A missing also= target or a clash anywhere below refuses this conn too, and its finding
      // names it. Few per conn (one per line), and capped so a deep chain stays linear.
      let copied = 0;
      for (const p of expansion.problems) {
        if (copied >= MAX_INHERITED_PROBLEMS) break;
        if (p.kind === 'also-missing') problems.push(p);
        else if (p.kind === 'conflict' && p.refuses) problems.push({ kind: 'inherited-conflict', via: item.at, conflict: p });
        else if (p.kind === 'inherited-conflict') problems.push({ kind: 'inherited-conflict', via: item.at, conflict: p.conflict });
        else continue;
        copied++;
      }
      continue;
    }
    path.add(target);
    frames.push({ section: target, next: 0 });
  }
  return { values, problems, refused };
}

/** A conn's view of its expansion; the list of sections it pulls in is walked only when asked for. */
class ExpandedConn implements ResolvedConn {
  readonly name: string;
  readonly settings: ReadonlyMap<string, Setting>;
  readonly problems: readonly ConnProblem[];
  readonly refused: boolean;
  private pulledIn: readonly PlacedSection[] | undefined;

  constructor(
    readonly placed: PlacedSection,
    expansion: Expansion,
    defaults: ReadonlyMap<string, Setting>,
    private readonly items: ReadonlyMap<PlacedSection, readonly Item[]>,
  ) {
    this.name = placed.section.kind === 'conn' ? placed.section.name : '';
    const settings = new Map<string, Setting>(defaults);
    for (const [key, c] of expansion.values) {
      settings.set(key, { storageKey: key, value: c.value, source: c.source, via: c.source.placed === placed ? 'conn' : 'also' });
    }
    this.settings = settings;
    this.problems = expansion.problems;
    this.refused = expansion.refused;
  }

  get alsoSections(): readonly PlacedSection[] {
    if (!this.pulledIn) {
      const order: PlacedSection[] = [];
      const visited = new Set<PlacedSection>([this.placed]);
      const frames: { section: PlacedSection; next: number }[] = [{ section: this.placed, next: 0 }];
      while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        const list = this.items.get(frame.section) ?? [];
        if (frame.next >= list.length) {
          frames.pop();
          continue;
        }
        const item = list[frame.next++];
        if (item.kind !== 'also' || !item.target || visited.has(item.target)) continue;
        visited.add(item.target);
        order.push(item.target);
        frames.push({ section: item.target, next: 0 });
      }
      this.pulledIn = order;
    }
    return this.pulledIn;
  }
}
