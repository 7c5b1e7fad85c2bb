import { refusedWhenAdded } from '../conn-role';
import type { ConfRule } from '../rule';
import { connHeader, endSetting, SIDES } from './ends';

/** A loaded conn without `left=` or `right=` after `%default` and `also=`. */
export const leftRightMissingHost: ConfRule = {
  meta: { id: 'left-right-missing-host', description: 'A conn Libreswan would add (not a building block pulled in by also=) has no left= or no right=, after %default and also=.', defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    for (const conn of conns) {
      if (!refusedWhenAdded(config, version, conn)) continue;
      const missing = SIDES.filter((side) => (endSetting(conn, side, '')?.value.trim() ?? '') === '');
      if (missing.length === 0) continue;
      report({
        conn: conn.name,
        ...connHeader(conn),
        message: `conn '${conn.name}'${conn.settings.has('auto') ? ` (auto=${conn.settings.get('auto')?.value})` : ''} has no ${missing.map((s) => s + '=').join(' and no ')}: Libreswan cannot add a conn without both ends; set it here, in conn %default, or in a conn pulled in with also=`,
        rejectedByLibreswan: true,
      });
    }
  },
};
