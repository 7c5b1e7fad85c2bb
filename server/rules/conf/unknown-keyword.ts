import type { KeywordTable, Section } from '../../../schemas/keywords';
import type { ConfRule } from '../rule';
import { closestMatches } from '../../../grammar/edit-distance';
import { sectionOf } from './section-of';

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

/** A key the target version does not know: Libreswan refuses the whole file. */
export const unknownKeyword: ConfRule = {
  meta: { id: 'unknown-keyword', description: 'A keyword the target Libreswan version does not know.', defaultSeverity: 'error', scope: 'conf' },
  check({ config, table, version }, report) {
    for (const [placed, assignments] of config.assignments) {
      const section = sectionOf(placed);
      for (const a of assignments) {
        if (a.meaning.kind !== 'unknown') continue;
        const written = a.line.key.text;
        const suggestions = suggestionsFor(table, section, written);
        const hint = suggestions.length > 0 ? `; did you mean '${suggestions[0]}'?` : '';
        const where = section === 'config' ? "'config setup'" : "'conn'";
        report({
          file: a.file.path,
          range: a.line.key.range,
          message: `unknown ${where} keyword '${written}' in Libreswan ${version}${hint}`,
          rejectedByLibreswan: true,
          fixes: suggestions.map((s, i) => ({
            title: `Change to '${s}'`,
            edits: [{ file: a.file.path, range: a.line.key.range, newText: s }],
            preferred: i === 0 && suggestions.length === 1,
          })),
        });
      }
    }
  },
};
