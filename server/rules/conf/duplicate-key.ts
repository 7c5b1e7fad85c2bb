import type { Assignment } from '../../model/connections';
import type { ConfRule, Finding } from '../rule';
import { sectionLabel } from './section-of';
import { removal } from './migration-edit';
import { repeatIsHarmless } from '../../model/value-equality';

function removeLine(a: Assignment): Finding['fixes'] {
  return [{ title: `Remove this '${a.line.key.text}' line`, edits: [{ file: a.file.path, range: { start: a.line.range.start, end: { line: a.line.line + 1, character: 0 } }, newText: '' }] }];
}

/**
 * The same key twice. In a conn, 5.x keeps the first and warns; 4.x refuses the conn. Two
 * spellings of one key (an alias) are judged as a repeat met through also= is, by release and
 * type (VersionBehaviour.repeatJudgedAs). `config setup` sections are pooled (across files
 * too): a later value overrides an earlier one with a warning.
 */
export const duplicateKey: ConfRule = {
  meta: { id: 'duplicate-key', description: 'The same keyword set twice in one conn, or more than once across config setup sections.', defaultSeverity: 'warning', scope: 'conf' },
  check({ config, behaviour, version }, report) {
    const setupSeen = new Map<string, Assignment>();
    for (const [placed, assignments] of config.assignments) {
      const first = new Map<string, Assignment>();
      for (const a of assignments) {
        if (a.meaning.kind !== 'known' || a.meaning.canonical.schema.mayRepeat || a.meaning.canonical.schema.accumulates) continue;
        const key = a.meaning.storageKey;
        if (placed.section.kind === 'setup') {
          const earlier = setupSeen.get(key);
          setupSeen.set(key, a);
          if (!earlier) continue;
          report({
            file: a.file.path,
            range: a.line.range,
            message: `'config setup' sets '${a.line.key.text}' again: this value (${a.value}) overrides the earlier one (${earlier.value})`,
            rejectedByLibreswan: false,
            related: [{ file: earlier.file.path, range: earlier.line.range, message: 'earlier value' }],
          });
          continue;
        }
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, a);
          continue;
        }
        const related = [{ file: earlier.file.path, range: earlier.line.range, message: 'first set here' }];
        // 5.x's parser drops a repeat of the same spelling; two spellings of one key (an alias,
        // `ah=` and `esp=` in 5.2) reach addconn, which judges the repeat as it judges one met
        // through also= (VersionBehaviour.repeatJudgedAs: 5.2 refuses phase2alg= after esp= even
        // with the same value, but not salifetime=60m after keylife=1h; 5.4 compares the text).
        // One keyword of the table however it is written (`leftsubnet`, `left-subnet`) is one
        // spelling: the parser itself drops the repeat.
        const spelledApart = earlier.meaning.kind === 'known' && earlier.meaning.match.schema !== a.meaning.match.schema;
        // 4.x judges two spellings so too (keylife=1h then salifetime=60m loads in 4.10).
        if (spelledApart && placed.section.kind === 'conn' && !repeatIsHarmless(earlier.value, a.value, a.meaning.match.info, behaviour)) {
          const values = earlier.value === a.value ? `both to ${a.value}` : `to different values (${earlier.value}, ${a.value})`;
          report({
            file: a.file.path,
            range: a.line.range,
            message: `'${a.line.key.text}' and '${earlier.line.key.text}' are the same keyword in Libreswan ${version}, set in ${sectionLabel(placed)} ${values}; Libreswan ${version} refuses to add the conn ("duplicate key"). Keep one`,
            rejectedByLibreswan: true,
            severity: 'error',
            related,
            ...(placed.section.name !== '%default' ? { conn: placed.section.name } : {}),
          });
          continue;
        }
        if (behaviour.duplicateKeyInSection === 'first-wins' || (spelledApart && placed.section.kind === 'conn')) {
          report({ file: a.file.path, range: a.line.range, message: `'${a.line.key.text}' is set twice in ${sectionLabel(placed)}: Libreswan ${version} keeps the first value (${earlier.value}) and ignores this one`, rejectedByLibreswan: false, related, fixes: removeLine(a) });
          continue;
        }
        // 4.x refuses the conn for any repeated key, even with the same value ("duplicate key
        // 'right' in conn a while processing def a", checked with Debian's 4.10). The same value
        // twice is redundant, so commenting the second out is safe for --fix.
        const differs = earlier.value !== a.value;
        report({
          file: a.file.path,
          range: a.line.range,
          message: differs
            ? `'${a.line.key.text}' is set twice in ${sectionLabel(placed)} with different values: Libreswan ${version} refuses to load the conn`
            : `'${a.line.key.text}' is set twice in ${sectionLabel(placed)}, with the same value: Libreswan ${version} still refuses to load the conn; remove one`,
          rejectedByLibreswan: true,
          severity: 'error',
          related,
          fixes: differs ? removeLine(a) : [removal(a, `set twice in ${sectionLabel(placed)} with the same value`)],
        });
      }
    }
  },
};
