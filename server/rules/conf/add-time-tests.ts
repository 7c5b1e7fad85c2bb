import { parseAddress } from '../../model/address-syntax';
import type { ResolvedConfig, ResolvedConn } from '../../model/connections';
import type { AddTimeTest } from '../../../schemas/add-time-constraints';
import { hasHostBits, subnetsOf } from '../left-right/ends';

/*
 * The computed facts add-time constraints may name (schemas/add-time-constraints.ts). Each
 * answers with a short detail for the message when the fact holds, undefined otherwise.
 */

type Bytes = number[];

function bytesOf(text: string): { bytes: Bytes; v6: boolean } | undefined {
  const a = parseAddress(text.trim());
  return a ? { bytes: a.toByteArray(), v6: a.kind() === 'ipv6' } : undefined;
}

function compare(a: Bytes, b: Bytes): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

interface Range {
  readonly text: string;
  readonly v6: boolean;
  readonly lo: Bytes;
  readonly hi: Bytes;
}

/** One `addresspool=` item as first and last address: `a-b`, or a subnet `a/n`. */
export function poolRange(item: string): Range | undefined {
  const text = item.trim();
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const lo = bytesOf(text.slice(0, dash));
    const hi = bytesOf(text.slice(dash + 1));
    return lo && hi && lo.v6 === hi.v6 ? { text, v6: lo.v6, lo: lo.bytes, hi: hi.bytes } : undefined;
  }
  const slash = text.indexOf('/');
  const base = bytesOf(slash < 0 ? text : text.slice(0, slash));
  if (!base) return undefined;
  const bits = slash < 0 ? base.bytes.length * 8 : Number(text.slice(slash + 1));
  if (!Number.isInteger(bits) || bits < 0 || bits > base.bytes.length * 8) return undefined;
  const lo = [...base.bytes];
  const hi = [...base.bytes];
  for (let bit = bits; bit < lo.length * 8; bit++) {
    lo[bit >> 3] &= ~(1 << (7 - (bit & 7)));
    hi[bit >> 3] |= 1 << (7 - (bit & 7));
  }
  return { text, v6: base.v6, lo, hi };
}

function poolItems(value: string): Range[] {
  return value.split(',').flatMap((i) => {
    const r = i.trim() === '' ? undefined : poolRange(i);
    return r ? [r] : [];
  });
}

/**
 * Pools pluto holds while it adds the file's conns one after another: a conn's pool joins
 * the set when it overlaps nothing held, so a later conn that overlaps it inexactly is
 * refused. Computed once per config, in file order.
 */
const overlapsByConfig = new WeakMap<ResolvedConfig, Map<string, string>>();

function poolOverlaps(config: ResolvedConfig): Map<string, string> {
  let found = overlapsByConfig.get(config);
  if (found) return found;
  found = new Map();
  const held: { range: Range; conn: string }[] = [];
  for (const conn of config.conns) {
    if (!conn.settings.get('left')?.value.trim() || !conn.settings.get('right')?.value.trim()) continue;
    for (const side of ['left', 'right']) {
      const pool = conn.settings.get(`${side}addresspool`);
      if (!pool) continue;
      const mine: Range[] = [];
      let clash: string | undefined;
      for (const range of poolItems(pool.value)) {
        const other = held.find((h) => h.range.v6 === range.v6 && compare(h.range.lo, range.hi) <= 0 && compare(range.lo, h.range.hi) <= 0 && !(compare(h.range.lo, range.lo) === 0 && compare(h.range.hi, range.hi) === 0));
        if (other) clash ??= `the pool ${other.range.text} of conn '${other.conn}', added before it`;
        else mine.push(range);
      }
      if (clash) found.set(`${conn.name}\u0000${side}addresspool`, clash);
      else for (const range of mine) held.push({ range, conn: conn.name });
    }
  }
  overlapsByConfig.set(config, found);
  return found;
}

/**
 * The only fact about other conns an add-time test reads: what the pool bookkeeping says of
 * this conn's pools. The editor re-checks a conn when this text changes (RuleMeta.perConn).
 */
export function poolOverlapFacts(config: ResolvedConfig, conn: ResolvedConn): string {
  const found = poolOverlaps(config);
  if (found.size === 0) return '';
  return `${found.get(`${conn.name}\u0000leftaddresspool`) ?? ''}\u0000${found.get(`${conn.name}\u0000rightaddresspool`) ?? ''}`;
}

const BASE64 = /^[A-Za-z0-9+/]+=*$/;
const HEX = /^[0-9a-fA-F_]+$/;

export function runAddTimeTest(test: AddTimeTest, key: string, config: ResolvedConfig, conn: ResolvedConn): string | undefined {
  const value = conn.settings.get(key)?.value.trim();
  if (value === undefined || value === '') return undefined;
  switch (test) {
    case 'pool-starts-at-zero': {
      const zero = poolItems(value).find((r) => r.lo.every((b) => b === 0));
      return zero?.text;
    }
    case 'ipv6-pool':
      return poolItems(value).find((r) => r.v6)?.text;
    case 'pool-overlaps-earlier':
      return poolOverlaps(config).get(`${conn.name}\u0000${key}`);
    case 'two-addresses-of-one-family': {
      const seen = new Map<string, string>();
      for (const item of value.split(',')) {
        const a = parseAddress(item.trim());
        if (!a) continue;
        const before = seen.get(a.kind());
        if (before !== undefined) return `two ${a.kind() === 'ipv4' ? 'IPv4' : 'IPv6'} addresses (${before} and ${item.trim()})`;
        seen.set(a.kind(), item.trim());
      }
      return undefined;
    }
    case 'not-an-address':
      return value.startsWith('%') || parseAddress(value) ? undefined : value;
    case 'host-bits-in-list':
      return subnetsOf(value).find((s) => s.cidr !== undefined && hasHostBits(s.cidr))?.text;
    case 'host-bits-beside-subnets': {
      if (!['leftsubnets', 'rightsubnets'].some((k) => (conn.settings.get(k)?.value.trim() ?? '') !== '')) return undefined;
      if (/^v(host|net):/.test(value) || value.includes(',')) return undefined;
      const only = subnetsOf(value);
      return only.length === 1 && only[0].cidr !== undefined && hasHostBits(only[0].cidr) ? only[0].text : undefined;
    }
    case 'malformed-raw-key': {
      if (/^0s/i.test(value)) return BASE64.test(value.slice(2)) ? undefined : 'base64 after 0s';
      if (/^0x/i.test(value)) return HEX.test(value.slice(2)) ? undefined : 'hexadecimal after 0x';
      return undefined;
    }
  }
}
