import type { VersionBehaviour } from '../../../schemas/behaviour';
import type { ConflictProblem, ResolvedConn } from '../../model/connections';
import type { PlacedSection } from '../../model/include-graph';
import type { ConfRule } from '../rule';

const nameOf = (s: PlacedSection): string => (s.section.kind === 'conn' ? `conn '${s.section.name}'` : "'config setup'");

/**
 * What becomes of a conn that fails to combine: `ipsec add` refuses it in every release ("did
 * not load properly"), which is the verdict. 5.4's pluto, started with the file, still loads it
 * when its auto= asks for that, which the message says, since the conn then seems to work
 * until it is added again.
 */
function refusal(conn: ResolvedConn, behaviour: VersionBehaviour, version: string): string {
  const auto = conn.settings.get('auto')?.value.toLowerCase();
  const atStartup = auto !== undefined && behaviour.failedConnLoadsAtStartup.includes(auto)
    ? ` (pluto's own startup load still sends it, auto=${auto}, with the values met first)`
    : '';
  return `Libreswan ${version} refuses to load conn '${conn.name}'${atStartup}`;
}

function clashText(p: ConflictProblem, connName: string, version: string, behaviour: VersionBehaviour): string {
  const here = nameOf(p.clash.placed);
  const there = nameOf(p.kept.source.placed);
  if (!p.refuses) return `'${p.storageKey}' is set both in ${there} and in ${here}, which conn '${connName}' combines through also= (same value: remove one)`;
  const both = `'${p.kept.value}' from ${there} and '${p.clash.value}' from ${here}`;
  if (!p.sameValue) return `conn '${connName}' combines through also= two values of '${p.storageKey}': ${both}`;
  const meaning = p.clash.meaning;
  const how = meaning.kind === 'known' ? behaviour.repeatJudgedAs[meaning.match.info.tableType ?? ''] : undefined;
  const why = how === 'text' ? 'compares the two as written'
    : how === 'free-text-equal' ? 'takes a repeat of one of its own words (a %word or a number) as a clash'
    : 'takes any repeat of this key as a clash, even with the same value';
  return `conn '${connName}' combines through also= '${p.storageKey}' twice, ${both}: the same setting, but Libreswan ${version} ${why}`;
}

/** `also=` problems: a missing target, a clash between the conn and what it pulls in, a loop, `also=` in `%default`. */
export const alsoReference: ConfRule = {
  meta: { id: 'also-reference', description: "Problems with also=: missing targets, conflicting values, loops, also= in conn %default.", defaultSeverity: 'error', scope: 'conf' },
  check({ config, version, behaviour }, report) {
    const reported = new Set<string>();
    const once = (key: string): boolean => (reported.has(key) ? false : (reported.add(key), true));
    for (const conn of config.conns) {
      const tail = refusal(conn, behaviour, version);
      for (const p of conn.problems) {
        if (p.kind === 'also-missing') {
          if (!once(`m:${p.at.file.path}:${p.at.line.line}:${conn.name}`)) continue;
          const value = p.at.line.value;
          report({
            conn: conn.name,
            file: p.at.file.path,
            range: value?.range ?? p.at.line.range,
            message: `also=${p.target}: no conn named '${p.target}' (names are case-sensitive); ${tail}`,
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
          report({
            conn: conn.name,
            file: p.clash.file.path,
            range: p.clash.line.range,
            message: p.refuses ? `${clashText(p, conn.name, version, behaviour)}; ${tail} (keep one)` : clashText(p, conn.name, version, behaviour),
            rejectedByLibreswan: p.refuses,
            severity: p.refuses ? 'error' : 'warning',
            related,
          });
        } else if (p.kind === 'inherited-conflict') {
          // Reported at this conn's also= line; the clash itself is the pulled-in section's finding.
          const c = p.conflict;
          if (!once(`i:${p.via.file.path}:${p.via.line.line}:${c.clash.file.path}:${c.clash.line.line}:${conn.name}`)) continue;
          report({
            conn: conn.name,
            file: p.via.file.path,
            range: p.via.line.value?.range ?? p.via.line.range,
            message: `also=${p.via.value} brings in a clash: ${nameOf(c.clash.placed)} sets '${c.storageKey}' again ('${c.kept.value}' then '${c.clash.value}'), and Libreswan expands it anew for every conn that pulls it in; ${tail}`,
            rejectedByLibreswan: true,
            related: [
              { file: c.kept.source.file.path, range: c.kept.source.line.range, message: `${c.storageKey}=${c.kept.value} set here first` },
              { file: c.clash.file.path, range: c.clash.line.range, message: `${c.storageKey}=${c.clash.value} set again here` },
            ],
          });
        }
      }
    }
    for (const [placed, assignments] of config.assignments) {
      if (placed.section.kind !== 'conn' || placed.section.name !== '%default') continue;
      for (const a of assignments) {
        if (a.meaning.kind !== 'known' || a.meaning.storageKey !== 'also') continue;
        const advice = 'put the shared settings in %default itself, or use also= in each conn';
        switch (behaviour.alsoInDefault) {
          case 'ignored':
            report({ file: a.file.path, range: a.line.key.range, message: `also= is not allowed in 'conn %default': Libreswan ${version} ignores this line (with a warning), so no conn gets what it names; ${advice}`, rejectedByLibreswan: false, severity: 'warning' });
            break;
          case 'file-fails':
            report({ file: a.file.path, range: a.line.key.range, message: `also= is not allowed in 'conn %default': Libreswan ${version} refuses to load the file; ${advice}`, rejectedByLibreswan: true });
            break;
          case 'refused':
            report({ file: a.file.path, range: a.line.key.range, message: `also= is not allowed in 'conn %default': Libreswan ${version} refuses it; ${advice}`, rejectedByLibreswan: true });
            break;
        }
      }
    }
  },
};
