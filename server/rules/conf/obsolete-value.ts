import type { ConfRule } from '../rule';
import { problemWith } from './invalid-value';
import { migrationAdvice, valueMigrationOf } from './migration-edit';

/**
 * A value the target accepts but that a release since Openswan dropped, renamed or reads
 * differently (`protostack=klips`, which pluto ignores; `ikev2=insist`, which 5.x replaced with
 * keyexchange=). A value the target refuses outright is invalid-value's (and a key without
 * its side side-prefix-missing's), which carry the same migration advice and fix.
 */
export const obsoleteValue: ConfRule = {
  meta: { id: 'obsolete-value', description: 'A value the target Libreswan release still accepts but that a release since Openswan dropped, renamed or reads differently.', defaultSeverity: 'warning', scope: 'conf', perSection: true },
  check({ config, table, version, syntax, sections = config.assignments }, report) {
    for (const assignments of sections.values()) {
      for (const a of assignments) {
        const m = a.meaning;
        if (m.kind !== 'known') continue;
        const entry = valueMigrationOf(a, version);
        if (!entry) continue;
        const info = m.canonical.info;
        if (info.status !== 'obsolete' && m.match.info.status !== 'obsolete' && problemWith(a.value, info, syntax, m.storageKey) !== undefined) continue;
        const advice = migrationAdvice(a, entry, config, table, version);
        report({ file: a.file.path, range: a.line.value?.range ?? a.line.range, message: advice.message, rejectedByLibreswan: false, tags: ['deprecated'], fixes: advice.fixes });
      }
    }
  },
};
