import ipaddr from 'ipaddr.js';
import { hostWords } from '../../schemas/conn-facts';
import { parseAddress, selectorAddress, type Family } from './address-syntax';
import type { ResolvedConn, Setting } from './connections';

/*
 * One reading of a resolved conn's ends shared by every rule that asks about them: for each
 * end the host (its kind, address and family) and the subnets. Several left-right rules used
 * to split and parse the same values again, each through look-ups by text. A reading is made
 * on first use and kept in a WeakMap on the conn, so it lives as long as the resolved config. A ResolvedConn is never changed after resolution, which is what makes the
 * reading safe to keep; anything that changes a conn must make a new one.
 */

export type Side = 'left' | 'right';
export type HostKind = 'address' | 'wildcard' | 'defaultroute' | 'interface' | 'hostname' | 'empty';
export type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = readonly [Address, number];
export interface SubnetItem {
  readonly text: string;
  readonly cidr: Cidr | undefined;
}

export interface EndReading {
  /** `left=` / `right=`. */
  readonly host: Setting | undefined;
  /** What the host names (`empty` when unset or blank), as `hostKind` reads its value. */
  readonly hostKind: HostKind;
  /** The host's address when it is one (`familyOf` of the trimmed value). */
  readonly hostAddress: Address | undefined;
  readonly hostFamily: Family | undefined;
  /** `leftsubnet=` and its subnets as `subnetsOf` reads them (none when unset). */
  readonly subnet: Setting | undefined;
  readonly subnets: readonly SubnetItem[];
}

class ConnReading {
  left: EndReading | undefined = undefined;
  right: EndReading | undefined = undefined;
}

const readings = new WeakMap<ResolvedConn, ConnReading>();

function readingOf(conn: ResolvedConn): ConnReading {
  let r = readings.get(conn);
  if (r === undefined) {
    r = new ConnReading();
    readings.set(conn, r);
  }
  return r;
}

/**
 * The conn's value of `key`, trimmed and lower-cased; undefined when not set. Not remembered:
 * a map of the values per conn cost about 500 bytes a conn (a tenth of the heap the rules
 * add) and saved no CPU that could be measured, since trimming and lower-casing a value that
 * is already trimmed and lower-case gives back the same string without copying it.
 */
export function connValue(conn: ResolvedConn, key: string): string | undefined {
  return conn.settings.get(key)?.value.trim().toLowerCase();
}

/** The reading of one end of the conn, made once. */
export function endReading(conn: ResolvedConn, side: Side): EndReading {
  const r = readingOf(conn);
  const known = side === 'left' ? r.left : r.right;
  if (known !== undefined) return known;
  const host = conn.settings.get(side === 'left' ? 'left' : 'right');
  const subnet = conn.settings.get(side === 'left' ? 'leftsubnet' : 'rightsubnet');
  const hostAddress = host ? parseAddress(host.value.trim()) : undefined;
  const end: EndReading = {
    host,
    hostKind: host ? hostKind(host.value) : 'empty',
    hostAddress,
    hostFamily: hostAddress?.kind(),
    subnet,
    subnets: subnet ? subnetsOf(subnet.value) : [],
  };
  if (side === 'left') r.left = end;
  else r.right = end;
  return end;
}

export function hostKind(value: string): HostKind {
  const v = value.trim().toLowerCase();
  if (v === '') return 'empty';
  const word = hostWords[v];
  if (word) return word;
  if (v.startsWith('%')) return 'interface';
  return parseAddress(v) ? 'address' : 'hostname';
}

/** `addr/len` (or a bare address as /32, /128) read with ipaddr.js; undefined when it is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const t = text.trim();
  const slash = t.indexOf('/');
  const addr = parseAddress(slash < 0 ? t : t.slice(0, slash));
  if (!addr) return undefined;
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return [addr, max];
  const prefix = t.slice(slash + 1);
  if (!/^\d+$/.test(prefix) || Number(prefix) > max) return undefined;
  return [addr, Number(prefix)];
}

/** Several rules read every end's subnets: each value is split and parsed once. */
const subnetsByValue = new Map<string, readonly SubnetItem[]>();

/**
 * The subnets of an end's `subnet=` (one, or a 5.x list; a trailing `:proto/port` of a 5.x
 * selector is dropped). `vhost:`/`vnet:` and `%no`/`%priv` give no subnet.
 */
export function subnetsOf(value: string): readonly SubnetItem[] {
  let subnets = subnetsByValue.get(value);
  if (!subnets) {
    if (subnetsByValue.size >= 50_000) subnetsByValue.clear();
    subnets = readSubnets(value);
    subnetsByValue.set(value, subnets);
  }
  return subnets;
}

function readSubnets(value: string): readonly SubnetItem[] {
  if (/^v(host|net):/i.test(value.trim())) return [];
  return value
    .split(/[\s,]+/)
    .filter((i) => i !== '' && !i.startsWith('%') && !i.startsWith('{') && !i.endsWith('}'))
    .map((text) => ({ text, cidr: parseCidr(selectorAddress(text) ?? text) }));
}
