import type { ConfRule } from '../rule';
import { connHeader, endSetting, isLoaded, SIDES } from './ends';

/** A loaded conn without `left=` or `right=` after `%default` and `also=`. */
export const leftRightMissingHost: ConfRule = {
  meta: { id: 'left-right-missing-host', description: "A conn that is loaded (auto=add and up) has no left= or no right=, after %default and also=.", defaultSeverity: 'error', scope: 'conf' },
  check({ config }, report) {
    for (const conn of config.conns) {
      if (!isLoaded(conn)) continue;
      const missing = SIDES.filter((side) => (endSetting(conn, side, '')?.value.trim() ?? '') === '');
      if (missing.length === 0) continue;
      report({
        ...connHeader(conn),
        message: `conn '${conn.name}' is loaded (auto=${conn.settings.get('auto')?.value}) but has no ${missing.map((s) => s + '=').join(' and no ')}: Libreswan cannot add a conn without both ends; set it here, in conn %default, or in a conn pulled in with also=`,
        rejectedByLibreswan: true,
      });
    }
  },
};
