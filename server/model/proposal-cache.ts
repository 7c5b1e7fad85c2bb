import { parseProposalList, type ProposalOptions, type ProposalParseResult } from '../../grammar/proposal/index';

/** Enough for every distinct proposal of a large site; the cache starts over past it. */
const LIMIT = 10_000;
/**
 * By the value, then by the reading's options. The value is looked up as it is (V8 keeps
 * a string's hash, so the several rules asking for one value hash it once) rather than
 * joined with the options into a new key string on every call.
 */
const cache = new Map<string, Map<string, ProposalParseResult>>();
let size = 0;

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
  const optionsKey = `${options.protocol}|${options.ikeVersion}|${options.pfs}|${options.fips}|${options.version}`;
  let readings = cache.get(value);
  let result = readings?.get(optionsKey);
  if (!result) {
    if (size >= LIMIT) {
      cache.clear();
      size = 0;
      readings = undefined;
    }
    result = parseProposalList(value, options);
    if (!readings) {
      // A copy, as for line readings: a slice of a document would keep the whole document alive.
      readings = new Map();
      cache.set(copyOf(value), readings);
    }
    readings.set(optionsKey, result);
    size++;
  }
  return result;
}

/** A flat copy of a string that shares no storage with the string it came from. */
function copyOf(text: string): string {
  return (' ' + text).slice(1);
}
