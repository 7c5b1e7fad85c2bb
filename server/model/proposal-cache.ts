import { parseProposalList, type ProposalOptions, type ProposalParseResult } from '../../grammar/proposal/index';

/** Enough for every distinct proposal of a large site; the cache starts over past it. */
const LIMIT = 10_000;
let size = 0;
/** By the options (a short key), then by the value itself. */
const cache = new Map<string, Map<string, ProposalParseResult>>();

/**
 * `parseProposalList`, remembered: parsing is pure, and real configs repeat a handful of
 * proposal strings across hundreds of conns (often through `also=` or `%default`). The
 * results are shared, so callers must treat them as read-only, as their types say.
 *
 * The value is a key of its own rather than part of one joined string: a joined key is a new
 * string on every call, hashed over its whole length each time, while the value is the same
 * string object on every call for a line, and V8 keeps its hash once computed. Several rules
 * ask for every proposal of every conn, so this look-up is among the most frequent of a lint.
 */
export function parseProposalCached(value: string, options: ProposalOptions): ProposalParseResult {
  const optionsKey = `${options.protocol}|${options.ikeVersion}|${options.pfs ? 1 : 0}|${options.fips ? 1 : 0}|${options.version}`;
  let byValue = cache.get(optionsKey);
  if (byValue === undefined) {
    byValue = new Map();
    cache.set(optionsKey, byValue);
  }
  let result = byValue.get(value);
  if (!result) {
    if (size >= LIMIT) {
      cache.clear();
      size = 0;
      byValue = new Map();
      cache.set(optionsKey, byValue);
    }
    result = parseProposalList(value, options);
    byValue.set(value, result);
    size++;
  }
  return result;
}
