import type { KeywordTable, Section } from '../../../schemas/keywords';
import type { ConfRule, Fix } from '../rule';
import { closestMatches } from '../../../grammar/edit-distance';
import { sectionOf } from './section-of';
import { keywordHistory, keywordMigrationOf, migrationAdvice, writtenKeyOf } from './migration-edit';

function candidateNames(table: KeywordTable, section: Section, side: string | undefined): string[] {
  const names: string[] = [];
  for (const { schema, info } of table.all(section)) {
    if (info.status === 'obsolete') continue;
    if (schema.leftright) {
      if (side !== undefined) names.push(side + schema.name);
      else names.push('left' + schema.name, 'right' + schema.name);
    } else if (side === undefined) names.push(schema.name);
  }
  return names;
}

/**
 * Suggestions per keyword table, section and written key. A generated file repeats the same
 * unknown key on thousands of lines; the search over every keyword runs once per spelling.
 */
const suggestionCache = new WeakMap<KeywordTable, Map<string, readonly string[]>>();

function suggestionsFor(table: KeywordTable, section: Section, written: string): readonly string[] {
  let forTable = suggestionCache.get(table);
  if (!forTable) {
    forTable = new Map();
    suggestionCache.set(table, forTable);
  }
  const key = `${section}\u0000${written.toLowerCase()}`;
  let found = forTable.get(key);
  if (!found) {
    // Distinct spellings are few in a real file; a language server lives long, so the cache is bounded.
    if (forTable.size >= 10_000) forTable.clear();
    found = closestMatches(written, candidateNames(table, section, undefined));
    forTable.set(key, found);
  }
  return found;
}
const hyphenatedSide = /^(left|right)-(.+)$/i;

/** A key the target version does not know: Libreswan refuses the whole file. */
export const unknownKeyword: ConfRule = {
  meta: { id: 'unknown-keyword', description: 'A keyword the target Libreswan version does not know.', defaultSeverity: 'error', scope: 'conf', fixable: true, perSection: true },
  check({ config, table, version, sections = config.assignments }, report) {
    for (const [placed, assignments] of sections) {
      const section = sectionOf(placed);
      for (const a of assignments) {
        if (a.meaning.kind !== 'unknown') continue;
        const written = a.line.key.text;
        const where = section === 'config' ? "'config setup'" : "'conn'";
        const head = `unknown ${where} keyword '${written}' in Libreswan ${version}`;
        const at = { file: a.file.path, range: a.line.key.range, rejectedByLibreswan: true };
        // A keyword that went (or was renamed) since Openswan: say when, and what to write.
        const entry = keywordMigrationOf(a, version);
        if (entry) {
          const advice = migrationAdvice(a, entry, config, table, version);
          report({ ...at, message: `${head}: ${advice.message}`, fixes: advice.fixes });
          continue;
        }
        // `left-updown` is 5.x's spelling of `leftupdown`; 4.x knows only the second.
        const hyphen = hyphenatedSide.exec(written);
        const joined = hyphen ? table.lookup(section, hyphen[2]) : undefined;
        if (hyphen && joined?.schema.leftright) {
          const instead = hyphen[1].toLowerCase() + hyphen[2];
          report({ ...at, message: `${head}: the '${hyphen[1]}-' spelling came in Libreswan 5.0; write ${instead}=`, fixes: [{ title: `Change to '${instead}'`, edits: [{ file: a.file.path, range: a.line.key.range, newText: instead }], preferred: true }] });
          continue;
        }
        const key = writtenKeyOf(a);
        const history = key ? keywordHistory(key, version) : {};
        if (history.cameIn || history.lastIn) {
          const when = history.cameIn
            ? `it came in Libreswan ${history.cameIn}: remove it (the conn then goes without it) or run a newer Libreswan`
            : `Libreswan ${history.lastIn} was the last release to read it; remove it`;
          report({ ...at, message: `${head}: ${when}` });
          continue;
        }
        const suggestions = suggestionsFor(table, section, written);
        const hint = suggestions.length > 0 ? `; did you mean '${suggestions[0]}'?` : '';
        const fixes: Fix[] = suggestions.map((s, i) => ({
          title: `Change to '${s}'`,
          edits: [{ file: a.file.path, range: a.line.key.range, newText: s }],
          preferred: i === 0 && suggestions.length === 1,
        }));
        report({ ...at, message: `${head}${hint}`, fixes });
      }
    }
  },
};
