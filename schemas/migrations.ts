// Typed view of migrations.json: every keyword or value that a Libreswan release stopped
// reading as written (dropped, renamed, reinterpreted) since Openswan 2.6, and the few newer
// spellings that older releases refuse. One engine (server/rules/conf/migration-edit.ts)
// turns an entry into a finding's message and its fix; nothing else names these keywords.

import data from './migrations.json' with { type: 'json' };
import type { LibreswanVersion, Section } from './keywords';

/**
 * What --fix does with a use of the entry:
 * - 'remove': turns the line into a comment that says what it was and why it went;
 * - 'rename': writes the same value under another keyword (a value map when values changed);
 * - 'rewrite': writes another keyword and value in its place (`value`, or `values` by old value);
 * - 'decide': nothing; a person must choose (`choose` says what), often both ends together.
 */
export type MigrationFix =
  | { readonly kind: 'remove' }
  | { readonly kind: 'rename'; readonly keyword: string; readonly values?: Readonly<Record<string, string>> }
  | { readonly kind: 'rewrite'; readonly keyword: string; readonly value?: string; readonly values?: Readonly<Record<string, string>> }
  | { readonly kind: 'decide'; readonly choose: string };

export interface KeywordMigration {
  readonly section: Section;
  /** The name as Libreswan spelled it, without a left/right prefix when `leftright`. */
  readonly keyword: string;
  readonly leftright?: boolean;
  /** Only these values (lower case); absent: every value. */
  readonly values?: readonly string[];
  /** Only when written without a left/right prefix (Openswan's `auth=esp`). */
  readonly unprefixedOnly?: boolean;
  /** The first release that no longer reads it as written. */
  readonly went?: string;
  /** The first release that accepted it only to warn and ignore it, when before `went`. */
  readonly ignoredSince?: string;
  /** For a newer spelling: the release that brought it; older targets get the fix. */
  readonly came?: string;
  readonly fix: MigrationFix;
  /** Why it went, in a few words: the comment --fix leaves and the finding's explanation. */
  readonly why: string;
  /** True when acting on it changes what is sent to the peer, so both ends must change. */
  readonly changesWire: boolean;
}

interface MigrationData {
  readonly source: string;
  readonly keywords: readonly KeywordMigration[];
}

export const keywordMigrations: readonly KeywordMigration[] = (data as unknown as MigrationData).keywords;

/** A release as a comparable number: "3.19" → 319, "5.0" → 500; 'latest' is the 5.5 development line. */
export function releaseRank(release: string): number {
  if (release === 'latest') return 505;
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? Number(m[1]) * 100 + Number(m[2]) : Number.NaN;
}

/** True when the entry is about the target release: it went at or before it, or came after it. */
export function migrationApplies(entry: KeywordMigration, target: LibreswanVersion): boolean {
  const rank = releaseRank(target);
  if (entry.came !== undefined) return rank < releaseRank(entry.came);
  const from = entry.ignoredSince ?? entry.went;
  return from !== undefined && rank >= releaseRank(from);
}

const bySection = new Map<LibreswanVersion, Map<string, KeywordMigration[]>>();

function indexFor(target: LibreswanVersion): Map<string, KeywordMigration[]> {
  let index = bySection.get(target);
  if (!index) {
    index = new Map();
    for (const entry of keywordMigrations) {
      if (!migrationApplies(entry, target)) continue;
      const key = `${entry.section}|${entry.keyword.toLowerCase()}`;
      const list = index.get(key) ?? [];
      list.push(entry);
      index.set(key, list);
    }
    bySection.set(target, index);
  }
  return index;
}

export interface WrittenKey {
  readonly section: Section;
  /** The name without its side prefix when `side` is set, else the whole key. */
  readonly baseName: string;
  readonly side?: 'left' | 'right';
}

/**
 * The entry for a key as written, for the target release. `value` undefined asks for the
 * keyword-wide entries only (those without `values`); a value asks for the value entries.
 */
export function findMigration(target: LibreswanVersion, key: WrittenKey, value: string | undefined): KeywordMigration | undefined {
  const list = indexFor(target).get(`${key.section}|${key.baseName.toLowerCase()}`);
  if (!list) return undefined;
  const wanted = value?.trim().toLowerCase();
  return list.find((entry) => {
    // A left/right keyword may be written without its side (4.x reads it as the right end).
    if (!entry.leftright && key.side !== undefined) return false;
    if (entry.unprefixedOnly && key.side !== undefined) return false;
    if (wanted === undefined) return entry.values === undefined;
    return entry.values !== undefined && entry.values.includes(wanted);
  });
}
