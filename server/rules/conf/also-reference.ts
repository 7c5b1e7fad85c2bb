import type { ConfRule } from '../rule';

/** `also=` problems: a missing target, a clash between the conn and what it pulls in, a loop, `also=` in `%default`. */
export const alsoReference: ConfRule = {
  meta: { id: 'also-reference', description: "Problems with also=: missing targets, conflicting values, loops, also= in conn %default.", defaultSeverity: 'error', scope: 'conf' },
  check({ config, version }, report) {
    const reported = new Set<string>();
    const once = (key: string): boolean => (reported.has(key) ? false : (reported.add(key), true));
    for (const conn of config.conns) {
      for (const p of conn.problems) {
        if (p.kind === 'also-missing') {
          if (!once(`m:${p.at.file.path}:${p.at.line.line}:${conn.name}`)) continue;
          const value = p.at.line.value;
          report({
            conn: conn.name,
            file: p.at.file.path,
            range: value?.range ?? p.at.line.range,
            message: `also=${p.target}: no conn named '${p.target}' (names are case-sensitive); conn '${conn.name}' will not load`,
            rejectedByLibreswan: true,
          });
        } else if (p.kind === 'also-cycle') {
          if (!once(`c:${p.at.file.path}:${p.at.line.line}`)) continue;
          report({ file: p.at.file.path, range: p.at.line.value?.range ?? p.at.line.range, message: `also=${p.target} loops back to a conn already being expanded; Libreswan ignores it`, rejectedByLibreswan: false, severity: 'warning' });
        } else if (p.kind === 'conflict') {
          // Repeats within one section are duplicate-key's to report.
          if (p.kept.source.placed === p.clash.placed) continue;
          if (!once(`x:${p.clash.file.path}:${p.clash.line.line}:${conn.name}`)) continue;
          const related = [{ file: p.kept.source.file.path, range: p.kept.source.line.range, message: `${p.storageKey}=${p.kept.value} set here first` }];
          const nameOf = (s: typeof p.clash.placed): string => (s.section.kind === 'conn' ? `conn '${s.section.name}'` : "'config setup'");
          const here = nameOf(p.clash.placed);
          const there = nameOf(p.kept.source.placed);
          report({
            conn: conn.name,
            file: p.clash.file.path,
            range: p.clash.line.range,
            message: p.sameValue
              ? `'${p.storageKey}' is set both in ${there} and in ${here}, which conn '${conn.name}' combines through also= (same value: remove one)`
              : `conn '${conn.name}' combines through also= two values of '${p.storageKey}': '${p.kept.value}' from ${there} and '${p.clash.value}' from ${here}; Libreswan ${version} refuses to load conn '${conn.name}' (keep one)`,
            rejectedByLibreswan: !p.sameValue,
            severity: p.sameValue ? 'warning' : 'error',
            related,
          });
        }
      }
    }
    for (const [placed, assignments] of config.assignments) {
      if (placed.section.kind !== 'conn' || placed.section.name !== '%default') continue;
      for (const a of assignments) {
        if (a.meaning.kind === 'known' && a.meaning.storageKey === 'also') {
          report({ file: a.file.path, range: a.line.key.range, message: "also= is not allowed in 'conn %default': put the shared settings in %default itself, or use also= in each conn", rejectedByLibreswan: true });
        }
      }
    }
  },
};
