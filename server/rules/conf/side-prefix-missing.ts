import type { ConfRule } from '../rule';
import { migrationAdvice, valueMigrationOf } from './migration-edit';

/** `subnet=` instead of `leftsubnet=`/`rightsubnet=`: an error from 5.4, silently the right end before. */
export const sidePrefixMissing: ConfRule = {
  meta: { id: 'side-prefix-missing', description: "A left/right keyword written without its 'left' or 'right' prefix.", defaultSeverity: 'error', scope: 'conf', fixable: true, perSection: true },
  check({ config, table, version, sections = config.assignments }, report) {
    for (const assignments of sections.values()) {
      for (const a of assignments) {
        const m = a.meaning;
        if (m.kind !== 'needs-side' && !(m.kind === 'known' && m.impliedSide)) continue;
        // Openswan's `auth=esp` is phase2=, not a side's auth=: its migration is the fix.
        const entry = valueMigrationOf(a, version);
        if (entry) {
          // Where the version reads it as the right end, invalid-value reports the bad value.
          if (m.kind !== 'needs-side') continue;
          const advice = migrationAdvice(a, entry, config, table, version);
          report({ file: a.file.path, range: a.line.key.range, message: `'${a.line.key.text}' needs a 'left' or 'right' prefix in Libreswan ${version}: ${advice.message}`, rejectedByLibreswan: true, fixes: advice.fixes });
          continue;
        }
        const key = a.line.key;
        // Where the version already reads the key as the right end, spelling that out keeps
        // the meaning, so it is safe for "fix all"; where it refuses the key, a person chooses.
        const keepsMeaning = m.kind === 'known' && m.impliedSide;
        const fixes = ['left', 'right'].map((side) => ({
          title: `Change to '${side}${key.text}'`,
          edits: [{ file: a.file.path, range: key.range, newText: side + key.text }],
          preferred: keepsMeaning && side === 'right',
        }));
        if (m.kind === 'needs-side') {
          report({ file: a.file.path, range: key.range, message: `'${key.text}' needs a 'left' or 'right' prefix in Libreswan ${version}: write left${key.text}= or right${key.text}=`, rejectedByLibreswan: true, fixes });
        } else if (m.kind === 'known' && m.impliedSide) {
          const how = table.unprefixedSideKeyword === 'right-with-warning' ? 'with a warning' : 'silently';
          report({
            file: a.file.path,
            range: key.range,
            message: `'${key.text}' has no 'left'/'right' prefix: Libreswan ${version} ${how} reads it as right${key.text}=, and 5.4 refuses it; write the side explicitly`,
            rejectedByLibreswan: false,
            severity: 'warning',
            fixes,
          });
        }
      }
    }
  },
};
