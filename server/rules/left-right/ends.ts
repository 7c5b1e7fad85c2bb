import ipaddr from 'ipaddr.js';
import { familyOf, type Family } from '../../model/address-syntax';
import { connValue, type Address, type Cidr, type Side } from '../../model/conn-reading';
import type { ResolvedConn, Setting } from '../../model/connections';
import type { Finding, RelatedLocation } from '../rule';
import { checkTypedValue } from '../../model/typed-value';
import { hostaddrfamilyWords, ikev1Ikev2Values, ipv6LookingHostWords, loadedAutoValues, negotiationlessTypes, type ConnAddFacts } from '../../../schemas/conn-facts';

/*
 * Shared reading of a conn's two ends for the left-right-* rules: which value each end
 * has, what kind of host it names, and where to point a finding.
 */

export type { Address, Cidr, HostKind, Side } from '../../model/conn-reading';
export { connValue, endReading, hostKind, parseCidr, subnetsOf } from '../../model/conn-reading';
export const SIDES: readonly Side[] = ['left', 'right'];

export function otherSide(side: Side): Side {
  return side === 'left' ? 'right' : 'left';
}

/*
 * `side + name` made a new string on every call, and a new string must be hashed again for
 * each map look-up; rules ask for ends millions of times on a large file, so the joined keys
 * are made once.
 */
const endKeys: Record<Side, Map<string, string>> = { left: new Map(), right: new Map() };

export function endSetting(conn: ResolvedConn, side: Side, name: string): Setting | undefined {
  const keys = endKeys[side];
  let key = keys.get(name);
  if (key === undefined) {
    key = side + name;
    keys.set(name, key);
  }
  return conn.settings.get(key);
}

/**
 * Whether the file parser throws this value away (an enum word the release does not know,
 * where the release warns and ignores it): the conn then behaves as if it were unset.
 */
export function droppedByParser(s: Setting): boolean {
  const m = s.source.meaning;
  if (m.kind !== 'known') return false;
  const info = m.canonical.info;
  if (info.valueCheckedAt !== 'parser' || (info.onInvalidValue !== 'warn-ignore' && info.onInvalidValue !== 'silently-ignored')) return false;
  // One line feeds every conn that inherits it: judge it once.
  let dropped = droppedByLine.get(s.source);
  if (dropped === undefined) {
    dropped = checkTypedValue(s.value.trim(), info) !== undefined;
    droppedByLine.set(s.source, dropped);
  }
  return dropped;
}

const droppedByLine = new WeakMap<Setting['source'], boolean>();

/** endSetting, without a value the parser drops (droppedByParser). */
export function readEndSetting(conn: ResolvedConn, side: Side, name: string): Setting | undefined {
  const s = endSetting(conn, side, name);
  return s && !droppedByParser(s) ? s : undefined;
}

/** A conn Libreswan loads on start (`auto=add` and up); the default `ignore` leaves it a template. */
export function isLoaded(conn: ResolvedConn): boolean {
  const auto = connValue(conn, 'auto');
  return auto !== undefined && loadedAutoValues.has(auto);
}

/** `type=passthrough|drop|reject`: a shunt that never negotiates, so keys and ids do not matter. */
export function neverNegotiates(conn: ResolvedConn): boolean {
  const type = connValue(conn, 'type');
  return (type !== undefined && negotiationlessTypes.has(type)) || connValue(conn, 'authby') === 'never';
}

export function familyOfCidr(c: Cidr): Family {
  return c[0].kind();
}

export function cidrContains(outer: Cidr, inner: Address): boolean {
  return outer[0].kind() === inner.kind() && inner.match(outer[0], outer[1]);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a[0].kind() !== b[0].kind()) return false;
  return a[1] <= b[1] ? b[0].match(a[0], a[1]) : a[0].match(b[0], b[1]);
}

/** Whether any host bit below the prefix is set (`192.0.2.1/24`). */
export function hasHostBits(c: Cidr): boolean {
  const bytes = c[0].toByteArray();
  for (let bit = c[1]; bit < bytes.length * 8; bit++) {
    if ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1) return true;
  }
  return false;
}

export function networkOf(c: Cidr): string {
  const bytes = c[0].toByteArray();
  for (let bit = c[1]; bit < bytes.length * 8; bit++) bytes[bit >> 3] &= ~(1 << (7 - (bit & 7)));
  return `${ipaddr.fromByteArray(bytes).toString()}/${c[1]}`;
}

export function isYes(value: string | undefined): boolean {
  return value !== undefined && ['yes', 'y', 'true', 'on', '1'].includes(value.trim().toLowerCase());
}

/** Where a setting's value sits (its key when the value is empty). */
export function where(s: Setting): { file: string; range: Finding['range'] } {
  return { file: s.source.file.path, range: s.source.line.value?.range ?? s.source.line.key.range };
}

export function related(s: Setting, message: string): RelatedLocation {
  return { ...where(s), message };
}

/** Where to report something about the whole conn: its `conn NAME` header. */
export function connHeader(conn: ResolvedConn): { file: string; range: Finding['range'] } {
  const section = conn.placed.section;
  return { file: conn.placed.file.path, range: section.kind === 'conn' ? section.header.name.range : section.header.range };
}

/** How a setting reads in a message: `leftsubnet=10.0.0.0/24`. */
export function shown(s: Setting): string {
  return `${s.source.line.key.text}=${s.value}`;
}

export function ikeVersionOf(conn: ResolvedConn): 1 | 2 {
  const keyexchange = connValue(conn, 'keyexchange');
  if (keyexchange === 'ikev1') return 1;
  // 5.x: keyexchange=ikev2 wins over ikev2=never ("ignoring ikev2=… which conflicts with keyexchange=…").
  if (keyexchange === 'ikev2') return 2;
  const ikev2 = connValue(conn, 'ikev2');
  return ikev2 !== undefined && ikev1Ikev2Values.has(ikev2) ? 1 : 2;
}

/** `authby=` items, lower-cased; empty when not set. */
export function authbyItems(conn: ResolvedConn): string[] {
  return (connValue(conn, 'authby') ?? '').split(/[\s,]+/).filter((i) => i !== '');
}

/** The one host family the conn's clients fall back to (ConnAddFacts.hostFamilyFrom). */
export function connHostFamily(conn: ResolvedConn, facts: ConnAddFacts): Family {
  const wanted = conn.settings.get('hostaddrfamily')?.value.trim().toLowerCase();
  if (wanted !== undefined && hostaddrfamilyWords[wanted]) return hostaddrfamilyWords[wanted];
  const values = SIDES.flatMap((side) => ['', 'nexthop'].map((name) => endSetting(conn, side, name)?.value.trim().toLowerCase() ?? ''));
  if (facts.hostFamilyFrom === 'ipv6-anywhere') return values.some((v) => v.includes(':') || ipv6LookingHostWords.has(v)) ? 'ipv6' : 'ipv4';
  for (const v of values) {
    const f = familyOf(v) ?? facts.hostWordFamilies[v];
    if (f) return f;
  }
  return 'ipv4';
}
