import { LIBRESWAN_VERSIONS, parseLibreswanVersion } from './keywords';

/**
 * Every release name the tools accept for `libreswanVersion` (CLI flag, .ipsec-lint.json,
 * editor setting): each 4.x and 5.x release from the oldest table on, each read with the
 * nearest table at or below it, and `latest`. Later 5.x releases than the newest table are
 * `latest` and not listed (they are not releases yet).
 */
export const ACCEPTED_RELEASES: readonly string[] = (() => {
  const out: string[] = [];
  for (const major of [4, 5]) {
    for (let minor = 0; minor <= 20; minor++) {
      const name = `${major}.${minor}`;
      const table = parseLibreswanVersion(name);
      if (table !== undefined && table !== 'latest') out.push(name);
    }
  }
  out.push('latest');
  // Every table is reachable by its own name.
  for (const v of LIBRESWAN_VERSIONS) if (!out.includes(v)) throw new Error(`release table ${v} has no accepted name`);
  return out;
})();
