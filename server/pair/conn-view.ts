import { parseAddress } from '../model/address-syntax';
import { endIdKey, type End } from '../model/conn-ids';
import type { ResolvedConn } from '../model/connections';
import { hostKind, ikeVersionOf, parseCidr, subnetsOf, type Cidr } from '../rules/left-right/ends';

export function other(end: End): End {
  return end === 'left' ? 'right' : 'left';
}

/** How an end's host is written: a literal address, `%any`, `%defaultroute` (this host, address unknown offline), or something only the host resolves. */
export type EndHost = { readonly kind: 'address'; readonly address: string } | { readonly kind: 'wildcard' } | { readonly kind: 'defaultroute' } | { readonly kind: 'unknown' };

export function endHost(conn: ResolvedConn, end: End): EndHost {
  const value = conn.settings.get(end)?.value.trim() ?? '';
  const kind = hostKind(value);
  if (kind === 'address') {
    const a = parseAddress(value);
    if (a) return { kind: 'address', address: a.toNormalizedString() };
  }
  if (kind === 'wildcard') return { kind: 'wildcard' };
  if (kind === 'defaultroute') return { kind: 'defaultroute' };
  return { kind: 'unknown' };
}

/** The traffic an end protects: its subnets, or its host address; undefined when only known at run time. */
export function clientOf(conn: ResolvedConn, end: End, subnetsOnly = false): Cidr[] | undefined {
  if (conn.settings.has(end + 'addresspool') || conn.settings.has(end + 'modecfgclient')) return undefined;
  const subnet = conn.settings.get(end + 'subnet') ?? conn.settings.get(end + 'subnets');
  if (subnet) {
    const cidrs = subnetsOf(subnet.value).flatMap((s) => (s.cidr ? [s.cidr] : []));
    return cidrs.length > 0 ? cidrs : undefined;
  }
  if (subnetsOnly) return undefined;
  const host = endHost(conn, end);
  if (host.kind !== 'address') return undefined;
  const c = parseCidr(host.address);
  return c ? [c] : undefined;
}

export function sameCidrs(a: readonly Cidr[], b: readonly Cidr[]): boolean {
  const key = (c: Cidr): string => `${c[0].toNormalizedString()}/${c[1]}`;
  const sa = new Set(a.map(key));
  return a.length === b.length && b.every((c) => sa.has(key(c)));
}

/**
 * The addresses a host uses for itself. Libreswan orients a conn by the host's interfaces;
 * offline, the end facing a wildcard (`right=%any`) is the host and the end facing
 * `%defaultroute` is the peer; otherwise an address the host writes on an end of more of its
 * conns than any other is its own (a hub names itself in every conn, each peer once).
 * Identical files on both hosts give a tie, which the pairing resolves.
 */
export function ownAddresses(conns: readonly ResolvedConn[]): ReadonlySet<string> {
  const counts = new Map<string, number>();
  const facingWildcard = new Set<string>();
  const facingDefaultroute = new Set<string>();
  for (const conn of conns) {
    const seen = new Set<string>();
    for (const end of ['left', 'right'] as const) {
      const h = endHost(conn, end);
      if (h.kind !== 'address') continue;
      const opposite = endHost(conn, other(end)).kind;
      if (opposite === 'wildcard') facingWildcard.add(h.address);
      else if (opposite === 'defaultroute') facingDefaultroute.add(h.address);
      else seen.add(h.address);
    }
    for (const a of seen) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  const rest = [...counts].filter(([a]) => !facingDefaultroute.has(a) && !facingWildcard.has(a));
  const max = Math.max(0, ...rest.map(([, n]) => n));
  const counted = rest.filter(([, n]) => n === max).map(([a]) => a);
  // Beside addresses known to be the host's, a counted one must be named by two conns at least.
  return new Set([...facingWildcard, ...(facingWildcard.size > 0 && max < 2 ? [] : counted)].filter((a) => !facingDefaultroute.has(a) || facingWildcard.has(a)));
}

/** Whether a presented id fits an expected one; an id with `*` is a pattern (`@*.example.org`), as Libreswan matches it. */
export function idFits(expected: string, presented: string): boolean {
  if (expected === presented) return true;
  if (!expected.includes('*') && !presented.includes('*')) return false;
  const pattern = (p: string): RegExp => new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  if (expected.includes('*') && pattern(expected).test(presented)) return true;
  return presented.includes('*') && pattern(presented).test(expected);
}

/** One conn as its host sees it: which end is the host, and what it expects of the peer (read once: a fleet compares each view many times). */
export interface ConnView {
  readonly conn: ResolvedConn;
  readonly local: End;
  readonly ikeVersion: 1 | 2;
  readonly localHost: EndHost;
  readonly peerHost: EndHost;
  readonly localId: string | undefined;
  readonly peerId: string | undefined;
  readonly localClient: Cidr[] | undefined;
  readonly peerClient: Cidr[] | undefined;
  /** The clients as one comparable text each, for the many comparisons of a fleet. */
  readonly localClientKey: string | undefined;
  readonly peerClientKey: string | undefined;
  /** Subnets written out (not the host's address standing in). */
  readonly localSubnet: boolean;
  readonly peerSubnet: boolean;
}

/** The ends of a conn that can be its host: an own address, or `%defaultroute`; never a wildcard. */
export function possibleLocals(conn: ResolvedConn, own: ReadonlySet<string>, others: ReadonlySet<string> = new Set()): End[] {
  return (['left', 'right'] as const).filter((end) => {
    const h = endHost(conn, end);
    if (h.kind === 'wildcard') return false;
    if (h.kind === 'address') return own.size === 0 ? !others.has(h.address) : own.has(h.address);
    return true;
  });
}

const viewCache = new WeakMap<ResolvedConn, Map<End, ConnView>>();

export function viewOf(conn: ResolvedConn, local: End): ConnView {
  let byEnd = viewCache.get(conn);
  if (!byEnd) viewCache.set(conn, (byEnd = new Map()));
  const cached = byEnd.get(local);
  if (cached) return cached;
  const peer = other(local);
  const view: ConnView = {
    conn,
    local,
    ikeVersion: ikeVersionOf(conn),
    localHost: endHost(conn, local),
    peerHost: endHost(conn, peer),
    localId: endIdKey(conn, local),
    peerId: endIdKey(conn, peer),
    localClient: clientOf(conn, local),
    peerClient: clientOf(conn, peer),
    localClientKey: undefined,
    peerClientKey: undefined,
    localSubnet: clientOf(conn, local, true) !== undefined,
    peerSubnet: clientOf(conn, peer, true) !== undefined,
  };
  const key = (c: Cidr[] | undefined): string | undefined => c && c.map((x) => `${x[0].toNormalizedString()}/${x[1]}`).sort().join(',');
  const keyed: ConnView = { ...view, localClientKey: key(view.localClient), peerClientKey: key(view.peerClient) };
  byEnd.set(local, keyed);
  return keyed;
}

/** Whether `a`'s idea of its peer's address fits where `b` is. */
export function addressFits(a: ConnView, b: ConnView): 'exact' | 'loose' | 'no' {
  const expected = a.peerHost;
  const actual = b.localHost;
  if (expected.kind === 'address' && actual.kind === 'address') return expected.address === actual.address ? 'exact' : 'no';
  if (expected.kind === 'wildcard') return 'loose';
  if (actual.kind === 'defaultroute' || actual.kind === 'unknown' || expected.kind === 'unknown') return 'loose';
  return 'no';
}

/** How well two views describe the same tunnel, seen from both ends; how many directions the addresses fit. */
export function pairScore(w: ConnView, e: ConnView): {
  readonly score: number;
  /** Ids or written-out subnets that differ: evidence against one tunnel. */
  readonly disagreements: number;
  /** Ids or subnets that agree, and addresses that fit exactly: evidence for it. */
  readonly evidence: number;
  readonly westReaches: boolean;
  readonly eastReaches: boolean;
} {
  let score = 0;
  let disagreements = 0;
  let evidence = 0;
  const toEast = addressFits(w, e);
  const toWest = addressFits(e, w);
  for (const fit of [toEast, toWest]) {
    score += fit === 'exact' ? 4 : fit === 'loose' ? 1 : 0;
    if (fit === 'exact') evidence += 2;
  }
  // Two hosts never share an address: both ends claiming one is a misreading.
  const wl = w.localHost;
  const el = e.localHost;
  if (wl.kind === 'address' && el.kind === 'address' && wl.address === el.address) return { score: 0, disagreements: 1, evidence: 0, westReaches: false, eastReaches: false };
  for (const [a, b] of [[w, e], [e, w]] as const) {
    const expectedId = a.peerId;
    const presentedId = b.localId;
    if (expectedId && presentedId) {
      const fits = idFits(expectedId, presentedId);
      score += fits ? 2 : -1;
      if (fits) evidence++;
      else disagreements++;
    }
    const expectedClient = a.peerClientKey;
    const client = b.localClientKey;
    if (expectedClient !== undefined && client !== undefined) {
      const same = expectedClient === client;
      score += same ? 2 : -1;
      if (same) evidence++;
      // A host's own address as its client repeats the address check: only written-out subnets count against.
      else if (a.peerSubnet && b.localSubnet) disagreements++;
    }
  }
  if (w.ikeVersion === e.ikeVersion) score += 1;
  if (w.conn.name === e.conn.name) score += 0.5;
  return { score, disagreements, evidence, westReaches: toEast !== 'no', eastReaches: toWest !== 'no' };
}
