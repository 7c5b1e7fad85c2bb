import type { SecretsRule } from '../rule';
import { isLoaded, where } from '../left-right/ends';

/**
 * `ppk-ids=` (5.x) names PPK identities that no PPKS record carries, or a PPKS record's id
 * that no conn lists while conns do restrict their ids.
 */
export const ppkIdMismatch: SecretsRule = {
  meta: { id: 'ppk-id-mismatch', description: "A ppk-ids= entry with no PPKS record of that id, or a PPKS record whose id no conn's ppk-ids= lists.", defaultSeverity: 'error', scope: 'secrets' },
  check({ secrets, config }, report) {
    if (!config) return;
    const recordIds = new Map<string, (typeof secrets.records)[number]>();
    for (const placed of secrets.records) if (placed.record.kind === 'ppks' && !recordIds.has(placed.record.ppkId.value)) recordIds.set(placed.record.ppkId.value, placed);
    const listed = new Set<string>();
    let anyList = false;
    for (const conn of config.conns) {
      const ids = conn.settings.get('ppk-ids');
      if (!ids) continue;
      anyList = true;
      const wanted = ids.value.split(/[\s,]+/).filter((i) => i !== '');
      wanted.forEach((i) => listed.add(i));
      const unknown = wanted.filter((i) => !recordIds.has(i));
      if (unknown.length === 0 || !isLoaded(conn)) continue;
      report({
        ...where(ids),
        message: `conn '${conn.name}': ppk-ids= names ${unknown.map((i) => `"${i}"`).join(', ')}, which no PPKS record in ${secrets.entry.path} carries; the PPK exchange cannot find the key. Add ': PPKS "${unknown[0]}" …' or fix the id`,
        rejectedByLibreswan: false,
      });
    }
    if (!anyList) return;
    for (const [id, { file, record }] of recordIds) {
      if (listed.has(id) || record.kind !== 'ppks') continue;
      report({
        file: file.path,
        range: record.ppkId.range,
        message: `PPK id "${id}" is not in any conn's ppk-ids=, so this key is never offered; add it to ppk-ids= or remove the record`,
        rejectedByLibreswan: false,
        severity: 'warning',
      });
    }
  },
};
