import type { ConfRule } from '../rule';
import { sectionOf } from './section-of';

/** A `conn` keyword in `config setup`, or the other way round: an unknown keyword to Libreswan. */
export const keywordWrongSection: ConfRule = {
  meta: { id: 'keyword-wrong-section', description: "A keyword used in the section it does not belong to ('config setup' versus 'conn').", defaultSeverity: 'error', scope: 'conf', perSection: true },
  check({ config, table, version, sections = config.assignments }, report) {
    for (const [placed, assignments] of sections) {
      const here = sectionOf(placed) === 'config' ? "'config setup'" : 'a conn';
      const there = sectionOf(placed) === 'config' ? 'a conn (or conn %default)' : "'config setup'";
      for (const a of assignments) {
        if (a.meaning.kind !== 'wrong-section') continue;
        report({
          file: a.file.path,
          range: a.line.key.range,
          message:
            table.wrongSectionKeyword === 'warning'
              ? `'${a.line.key.text}' is not valid in ${here}: Libreswan ${version} warns and ignores it; it belongs in ${there}`
              : `'${a.line.key.text}' is not valid in ${here}: it belongs in ${there}`,
          rejectedByLibreswan: table.wrongSectionKeyword === 'error',
          severity: table.wrongSectionKeyword === 'warning' ? 'warning' : undefined,
        });
      }
    }
  },
};
