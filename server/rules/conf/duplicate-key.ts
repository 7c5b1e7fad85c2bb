import type { ConfRule } from '../rule';
import { sectionLabel } from './section-of';

/**
 * The same key twice in one section. 5.x keeps the first and warns; 4.x keeps both, and a
 * different second value then stops the conn from loading.
 */
export const duplicateKey: ConfRule = {
  meta: { id: 'duplicate-key', description: 'The same keyword set twice in one section.', defaultSeverity: 'warning', scope: 'conf' },
  check({ config, behaviour, version }, report) {
    for (const [placed, assignments] of config.assignments) {
      const first = new Map<string, (typeof assignments)[number]>();
      for (const a of assignments) {
        if (a.meaning.kind !== 'known' || a.meaning.canonical.schema.mayRepeat || a.meaning.canonical.schema.accumulates) continue;
        const key = a.meaning.storageKey;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, a);
          continue;
        }
        const related = [{ file: earlier.file.path, range: earlier.line.range, message: 'first set here' }];
        const fixes = [{ title: `Remove the duplicate '${a.line.key.text}'`, edits: [{ file: a.file.path, range: { start: a.line.range.start, end: { line: a.line.line + 1, character: 0 } }, newText: '' }] }];
        if (placed.section.kind === 'setup') {
          report({ file: a.file.path, range: a.line.range, message: `'${a.line.key.text}' is set twice in ${sectionLabel(placed)}: the later value (${a.value}) overrides the earlier one`, rejectedByLibreswan: false, related });
        } else if (behaviour.duplicateKeyInSection === 'first-wins') {
          report({ file: a.file.path, range: a.line.range, message: `'${a.line.key.text}' is set twice in ${sectionLabel(placed)}: Libreswan ${version} keeps the first value (${earlier.value}) and ignores this one`, rejectedByLibreswan: false, related, fixes });
        } else {
          const differs = earlier.value !== a.value;
          report({
            file: a.file.path,
            range: a.line.range,
            message: differs
              ? `'${a.line.key.text}' is set twice in ${sectionLabel(placed)} with different values: Libreswan ${version} refuses to load the conn`
              : `'${a.line.key.text}' is set twice in ${sectionLabel(placed)}`,
            rejectedByLibreswan: differs,
            severity: differs ? 'error' : 'warning',
            related,
            fixes,
          });
        }
      }
    }
  },
};
