import { LIBRESWAN_VERSIONS, type KeywordSchema, type LibreswanVersion } from '../../../schemas/keywords';
import type { ConfRule } from '../rule';
import { keywordMigrationOf, migrationAdvice } from './migration-edit';

/** The first release in schemas/ from which the keyword is obsolete up to the target, for the message. */
function obsoleteSince(schema: KeywordSchema, version: LibreswanVersion): string {
  let first: LibreswanVersion = version;
  for (let i = LIBRESWAN_VERSIONS.indexOf(version); i >= 0 && schema.versions[LIBRESWAN_VERSIONS[i]]?.status === 'obsolete'; i--) first = LIBRESWAN_VERSIONS[i];
  return first === LIBRESWAN_VERSIONS[0] ? `since ${first} or earlier` : `since ${first}`;
}

/** Keywords the target version accepts only to ignore, or refuses in a file, or keeps under an old name. */
export const obsoleteKeyword: ConfRule = {
  meta: { id: 'obsolete-keyword', description: 'An obsolete, renamed or command-line-only keyword for the target version.', defaultSeverity: 'warning', scope: 'conf', fixable: true, perSection: true },
  check({ config, version, table, sections = config.assignments }, report) {
    for (const assignments of sections.values()) {
      for (const a of assignments) {
        const m = a.meaning;
        if (m.kind !== 'known') continue;
        const { info } = m.match;
        const key = a.line.key;
        const side = m.side && !m.impliedSide ? m.side : '';
        if (info.status === 'obsolete') {
          const entry = keywordMigrationOf(a, version);
          if (entry) {
            const advice = migrationAdvice(a, entry, config, table, version);
            report({ file: a.file.path, range: a.line.range, message: `'${key.text}' is obsolete in Libreswan ${version} and ignored: ${advice.message}`, rejectedByLibreswan: false, tags: ['deprecated'], fixes: advice.fixes });
            continue;
          }
          const instead = info.renamedTo ? `; use ${side}${info.renamedTo}= instead` : '; remove it';
          report({
            file: a.file.path,
            range: a.line.range,
            message: `'${key.text}' is obsolete in Libreswan ${version} (${obsoleteSince(m.match.schema, version)}) and ignored${instead}`,
            rejectedByLibreswan: false,
            tags: ['deprecated'],
            fixes: info.renamedTo
              ? // Ignored now, so the new name would switch the setting on: a person's choice, not --fix's.
                [{ title: `Rename to '${side}${info.renamedTo}'`, edits: [{ file: a.file.path, range: key.range, newText: side + info.renamedTo }] }]
              : [],
          });
        } else if (info.status === 'command-line-only') {
          report({ file: a.file.path, range: key.range, message: `'${key.text}' can only be given on the command line in Libreswan ${version}, not in a file`, rejectedByLibreswan: true, severity: 'error' });
        } else if (info.status === 'unsupported') {
          report({ file: a.file.path, range: key.range, message: `'${key.text}' depends on a build option that common Libreswan ${version} builds lack; it may be ignored`, rejectedByLibreswan: false, severity: 'info' });
        } else if (info.status === 'alias' && info.aliasOf && info.renamedTo) {
          const target = side + info.renamedTo;
          // Renaming next to the same keyword (ah= beside esp=, both stored as esp in 4.x-5.2)
          // would write it twice, which changes which value Libreswan keeps: a person's choice.
          const twice = config.assignments.get(a.placed)?.some((b) => b !== a && b.meaning.kind === 'known' && b.meaning.storageKey === m.storageKey) === true;
          report({
            file: a.file.path,
            range: key.range,
            message: `'${key.text}' is an old name: Libreswan ${version} reads it as ${target}=; write ${target}=`,
            rejectedByLibreswan: false,
            severity: 'info',
            tags: ['deprecated'],
            fixes: [{ title: `Rename to '${target}'`, edits: [{ file: a.file.path, range: key.range, newText: target }], preferred: !twice }],
          });
        }
      }
    }
  },
};

