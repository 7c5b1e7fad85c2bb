import { endIdKey, usesPsk } from '../../model/conn-ids';
import { matchSelectors } from '../../model/secrets-index';
import type { SecretsRule } from '../rule';
import { neverNegotiates } from '../left-right/ends';

/** A PSK record whose selectors no PSK conn of the config can match: a stale or mistyped entry. */
export const secretUnused: SecretsRule = {
  meta: { id: 'secret-unused', description: 'A PSK record that no conn of the ipsec.conf beside it can use.', defaultSeverity: 'warning', scope: 'secrets' },
  check({ secrets, config }, report) {
    if (!config) return;
    const pairs = config.conns
      .filter((c) => !neverNegotiates(c) && usesPsk(c))
      .flatMap((c) => {
        const left = endIdKey(c, 'left');
        const right = endIdKey(c, 'right');
        return [[left, right], [right, left]] as const;
      });
    for (const { file, record } of secrets.records) {
      if (record.kind !== 'psk') continue;
      if (pairs.some(([local, peer]) => { const m = matchSelectors(record.indices, local, peer); return m !== 'none' && m !== 'local'; })) continue;
      const selectors = record.indices.map((i) => i.value).join(' ') || '(no selector)';
      report({
        file: file.path,
        range: record.indices.length > 0 ? { start: record.indices[0].range.start, end: record.indices[record.indices.length - 1].range.end } : record.kindToken.range,
        message: pairs.length === 0
          ? `No conn in ${config.loaded.entry.path} authenticates with a PSK, so this record (${selectors}) is never used; remove it, or set authby=secret where it is meant`
          : `No PSK conn in ${config.loaded.entry.path} has ids matching ${selectors}; a mistyped id, or a record left from a removed conn. Fix the selectors or remove the record`,
        rejectedByLibreswan: false,
      });
    }
  },
};
