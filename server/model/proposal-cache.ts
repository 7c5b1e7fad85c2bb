import { parseProposalList, type ProposalOptions, type ProposalParseResult } from '../../grammar/proposal/index';

/** Enough for every distinct proposal of a large site; the cache starts over past it. */
const LIMIT = 10_000;
const cache = new Map<string, ProposalParseResult>();

/**
 * `parseProposalList`, remembered: parsing is pure, and real configs repeat a handful of
 * proposal strings across hundreds of conns (often through `also=` or `%default`). The
 * results are shared, so callers must treat them as read-only, as their types say.
 */
export function parseProposalCached(value: string, options: ProposalOptions): ProposalParseResult {
  const key = `${options.protocol}|${options.ikeVersion}|${options.pfs}|${options.fips}|${options.version}|${value}`;
  let result = cache.get(key);
  if (!result) {
    if (cache.size >= LIMIT) cache.clear();
    result = parseProposalList(value, options);
    cache.set(key, result);
  }
  return result;
}
