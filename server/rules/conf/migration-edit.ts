import { allKeywords, LIBRESWAN_VERSIONS, type KeywordTable, type LibreswanVersion, type Section } from '../../../schemas/keywords';
import { findMigration, type KeywordMigration, type WrittenKey } from '../../../schemas/migrations';
import type { Assignment, ResolvedConfig } from '../../model/connections';
import { resolveKeyName } from '../../model/keyword-names';
import type { Fix, TextEdit } from '../rule';
import { sectionOf } from './section-of';

/** The key of an assignment as its writer meant it: base name and side, whatever the target makes of it. */
export function writtenKeyOf(a: Assignment): WrittenKey | undefined {
  const section: Section = sectionOf(a.placed);
  const m = a.meaning;
  switch (m.kind) {
    case 'unknown':
      return { section, baseName: m.baseName, side: m.side };
    case 'known':
      return { section, baseName: m.match.schema.name, side: m.impliedSide ? undefined : m.side };
    case 'needs-side':
      return { section, baseName: m.match.schema.name };
    default:
      return undefined;
  }
}

/** The keyword-wide migration of an assignment's key for the target, if any. */
export function keywordMigrationOf(a: Assignment, version: LibreswanVersion): KeywordMigration | undefined {
  const key = writtenKeyOf(a);
  return key ? findMigration(version, key, undefined) : undefined;
}

/** The migration of an assignment's value (`protostack=klips`, `keyexchange=ikev1` for 4.x). */
export function valueMigrationOf(a: Assignment, version: LibreswanVersion): KeywordMigration | undefined {
  const key = writtenKeyOf(a);
  return key ? findMigration(version, key, a.value) : undefined;
}

export interface MigrationAdvice {
  /** What happened to it and what to write instead, for the finding's message. */
  readonly message: string;
  /** The edit --fix and source.fixAll apply; empty when a person must decide. */
  readonly fixes: readonly Fix[];
}

/** The line from the key to its end (value and trailing comment), as written. */
function assignmentText(a: Assignment): string {
  return a.line.tokens
    .filter((t) => t.offset >= a.line.key.offset && t.kind !== 'newline')
    .map((t) => t.text)
    .join('');
}

function toEnd(a: Assignment): TextEdit['range'] {
  return { start: a.line.key.range.start, end: a.line.range.end };
}

/** What follows the value on the line (blanks and a comment), kept when the assignment is rewritten. */
function trailingComment(a: Assignment): string {
  const last = a.line.value?.token ?? a.line.equals ?? a.line.key;
  const after = last.offset + last.text.length;
  return a.line.tokens
    .filter((t) => t.offset >= after && t.kind !== 'newline')
    .map((t) => t.text)
    .join('');
}

function quoteIfNeeded(value: string): string {
  return /^[^\s"#{}]*$/.test(value) ? value : `"${value.replace(/"/g, '')}"`;
}

/** Turns an assignment into a comment that says what it was and why it went; its trailing comment stays. */
export function removal(a: Assignment, why: string): Fix {
  const tail = trailingComment(a);
  const written = assignmentText(a);
  const assignment = written.slice(0, written.length - tail.length);
  return {
    title: `Comment out '${a.line.key.text}=' (${why})`,
    edits: [{ file: a.file.path, range: toEnd(a), newText: `# ${assignment} removed by ipsec-lint: ${why}${tail}` }],
    preferred: true,
  };
}

/** The assignment of `storageKey` in the same section, other than `a` itself. */
function sameSectionSetting(a: Assignment, storageKey: string, config: ResolvedConfig): Assignment | undefined {
  return config.assignments.get(a.placed)?.find((b) => b !== a && b.meaning.kind === 'known' && b.meaning.storageKey === storageKey);
}

/**
 * The finding text and fix for one migration entry. A rewrite into a keyword the section
 * already sets is not applied over it: the same value makes the old line redundant (it is
 * commented out); a different value is a choice left to a person.
 */
export function migrationAdvice(a: Assignment, entry: KeywordMigration, config: ResolvedConfig, table: KeywordTable, version: LibreswanVersion): MigrationAdvice {
  const written = entry.values ? `${a.line.key.text}=${a.value}` : `'${a.line.key.text}'`;
  const history =
    entry.came !== undefined
      ? `${written} came in Libreswan ${entry.came}, after ${version}`
      : entry.ignoredSince !== undefined && entry.ignoredSince !== entry.went
        ? `${written} is ignored since Libreswan ${entry.ignoredSince} and went in ${entry.went}`
        : entry.went === entry.ignoredSince
          ? `${written} is ignored since Libreswan ${entry.went}`
          : `${written} went in Libreswan ${entry.went}`;
  const fix = entry.fix;
  const peer = entry.changesWire ? '; this changes what is sent to the peer, so the peer must change too (ipsec-lint pair can check both ends)' : '';
  if (fix.kind === 'decide') return { message: `${history}: ${entry.why}; ${fix.choose}${peer}`, fixes: [] };
  if (fix.kind === 'remove') return { message: `${history}: ${entry.why}; remove it`, fixes: [removal(a, entry.why)] };

  // Renamed into a keyword that itself went since (secctx_attr_value, then secctx-attr-type): its fate.
  const section = sectionOf(a.placed);
  const onward = table.lookup(section, fix.keyword);
  if (!onward || onward.info.status === 'obsolete') {
    const next = findMigration(version, { section, baseName: fix.keyword }, undefined);
    if (next && next !== entry) {
      const then = migrationAdvice(a, next, config, table, version);
      const fixes = next.fix.kind === 'remove' ? [removal(a, `${entry.why}, and ${next.why}`)] : then.fixes;
      return { message: `${history}: ${entry.why}, and ${then.message}`, fixes };
    }
  }
  // Renamed into what is now an old name itself (curl_timeout, curl-timeout, crl-timeout): the newest.
  const name = onward?.info.status === 'alias' && onward.info.renamedTo ? onward.info.renamedTo : fix.keyword;
  const key = writtenKeyOf(a);
  const side = entry.leftright ? (key?.side ?? (a.meaning.kind === 'known' && a.meaning.impliedSide ? a.meaning.side : undefined) ?? '') : '';
  const newKey = side + name;
  const oldValue = a.value.trim().toLowerCase();
  const mapped = fix.values ? fix.values[oldValue] : fix.kind === 'rewrite' ? fix.value : undefined;
  const newValue = mapped ?? (fix.kind === 'rename' && !fix.values ? a.value : undefined);
  if (newValue === undefined) {
    const choices = fix.values ? Object.values(fix.values).join(', ') : '';
    return { message: `${history}: ${entry.why}; write ${newKey}= with one of ${choices}`, fixes: [] };
  }
  const instead = `${newKey}=${newValue}`;
  const target = resolveKeyName(newKey, sectionOf(a.placed), table);
  const storageKey = target.kind === 'known' ? target.storageKey : newKey.toLowerCase();
  const present = sameSectionSetting(a, storageKey, config);
  if (present) {
    if (present.value.trim().toLowerCase() === newValue.toLowerCase()) {
      return { message: `${history}: ${entry.why}; ${present.line.key.text}=${present.value} is already set here, so remove this line`, fixes: [removal(a, `${entry.why} (${present.line.key.text}=${present.value} is set)`)] };
    }
    return { message: `${history}: ${entry.why}; it means ${instead}, but this section already sets ${present.line.key.text}=${present.value}: keep the one you mean${peer}`, fixes: [] };
  }
  const renameOnly = fix.kind === 'rename' && newValue === a.value;
  const edit: TextEdit = renameOnly
    ? { file: a.file.path, range: a.line.key.range, newText: newKey }
    : { file: a.file.path, range: toEnd(a), newText: `${newKey}=${quoteIfNeeded(newValue)}${trailingComment(a)}` };
  // The target still reads the old name but ignores it: the new one would switch the setting on,
  // which changes what the conn does. A person decides; --fix leaves the line.
  if (a.meaning.kind === 'known' && a.meaning.match.info.status === 'obsolete') {
    return {
      message: `${history}: ${entry.why}; Libreswan ${version} ignores it, so it does nothing now: write ${instead} to make it take effect (that changes what the conn does), or remove the line`,
      fixes: [{ title: `Write ${instead}`, edits: [edit] }],
    };
  }
  return {
    message: `${history}: ${entry.why}; write ${instead} instead`,
    fixes: [{ title: `Write ${instead}`, edits: [edit], preferred: true }],
  };
}

/**
 * Where a key the target does not know stands in the releases schemas/ describes: the first
 * later release that knows it, or the last earlier one. From the extracted keyword tables,
 * so every release in schemas/ answers without a hand-written entry.
 */
export function keywordHistory(key: WrittenKey, version: LibreswanVersion): { readonly cameIn?: LibreswanVersion; readonly lastIn?: LibreswanVersion } {
  const name = key.baseName.toLowerCase();
  const schema = allKeywords.find((k) => k.section === key.section && k.name.toLowerCase() === name && (key.side === undefined || k.leftright));
  if (!schema) return {};
  const at = LIBRESWAN_VERSIONS.indexOf(version);
  const known = (v: LibreswanVersion): boolean => {
    const info = schema.versions[v];
    return info !== undefined && info.status !== 'obsolete' && info.status !== 'command-line-only';
  };
  const later = LIBRESWAN_VERSIONS.slice(at + 1).find(known);
  const earlier = [...LIBRESWAN_VERSIONS.slice(0, at)].reverse().find(known);
  return { cameIn: later, lastIn: earlier };
}
