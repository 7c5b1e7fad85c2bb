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

/** A key the target version does not know: Libreswan refuses the whole file. */
export const unknownKeyword: ConfRule = {
  meta: { id: 'unknown-keyword', description: 'A keyword the target Libreswan version does not know.', defaultSeverity: 'error', scope: 'conf', fixable: true },
  check({ config, table, version }, report) {
    for (const [placed, assignments] of config.assignments) {
      const section = sectionOf(placed);
      for (const a of assignments) {
        if (a.meaning.kind !== 'unknown') continue;
        const written = a.line.key.text;
        const suggestions = closestMatches(written, candidateNames(table, section, undefined));
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
