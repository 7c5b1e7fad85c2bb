import type { LibreswanVersion } from './keywords';

/*
 * What pluto refuses when a conn is added (`ipsec add`, or auto=add on start), as data:
 * one entry per constraint, with the keys it reads, the releases it holds in and the reason
 * in our own words. Read from the release tags' programs/pluto/extract.c (5.4) and
 * connections.c (5.2), and checked against the corpus verdicts of both plutos
 * (../shared/corpus/VERDICTS-libreswan-5.x.jsonl). One evaluator reads it:
 * server/rules/conf/add-time-refusal.ts.
 *
 * Keys are storage keys (`leftaddresspool`, `aggressive`); in a per-end entry `{end}` is
 * the end being checked and `{other}` the other end, and the reason may quote a key's
 * value as `{key}` (e.g. `{ike}`), an end's value as `{end}…`, and a test's finding as
 * `{detail}`.
 */

/** Computed facts the evaluator knows how to establish (server/rules/conf/add-time-tests.ts). */
export type AddTimeTest =
  /** An address pool whose first address is 0.0.0.0 or :: . */
  | 'pool-starts-at-zero'
  /** A pool that overlaps, without equalling, the pool of a conn added earlier in the file. */
  | 'pool-overlaps-earlier'
  /** A list of addresses with two of one family. */
  | 'two-addresses-of-one-family'
  /** A value that is neither an IP address nor a %word (nexthop= takes no names). */
  | 'not-an-address'
  /** A raw public key (`0s…` base64, `0x…` hex) with characters outside its alphabet. */
  | 'malformed-raw-key'
  /** An address pool with an IPv6 range. */
  | 'ipv6-pool'
  /** A subnet list item with bits set below its prefix (`10.9.0.1/16`). */
  | 'host-bits-in-list'
  /** A single subnet with host bits, while either end has subnets= (the conn is split into aliases). */
  | 'host-bits-beside-subnets';

export type AddTimeCondition =
  /** The key has a non-empty value. */
  | { readonly set: string }
  | { readonly unset: string }
  /** The key is a boolean yes. */
  | { readonly yes: string }
  /** The key is set to a boolean no. */
  | { readonly no: string }
  /** The key's lower-cased value (or `unsetMeans` when it is not set) is one of `values`. */
  | { readonly oneOf: string; readonly values: readonly string[]; readonly unsetMeans?: string }
  /** The same for a `config setup` key. */
  | { readonly setupOneOf: string; readonly values: readonly string[]; readonly unsetMeans?: string }
  | { readonly ikeVersion: 1 | 2 }
  /** pluto runs in FIPS mode (ipsec-lint --fips). */
  | { readonly fips: boolean }
  /** type=passthrough/drop/reject (or authby=never): a shunt that never negotiates. */
  | { readonly neverNegotiates: boolean }
  /** An end's host is %opportunistic/%opportunisticgroup/%group: pluto only logs some pool and role conflicts for these. */
  | { readonly opportunistic: boolean }
  /** An `authby=` item outside `allowed`. */
  | { readonly authbyItemOutside: readonly string[] }
  /** `authby=` holds an item of every group. */
  | { readonly authbyHasEach: readonly (readonly string[])[] }
  /** The two ends' `auth=` words (as written, lower-cased) are these, in either order. */
  | { readonly endAuths: readonly [string, string] }
  /** The key is set to something the release's duration reader refuses (DURATION_SYNTAX). */
  | { readonly malformedDuration: string }
  /** The key holds a whole number outside `min`..`max` (values that are not plain numbers are invalid-value's). */
  | { readonly outside: string; readonly min: number; readonly max: number }
  | { readonly test: AddTimeTest; readonly key: string }
  | { readonly all: readonly AddTimeCondition[] }
  | { readonly any: readonly AddTimeCondition[] }
  | { readonly not: AddTimeCondition };

export interface AddTimeConstraint {
  /** Stable kebab-case name, shown with the finding. */
  readonly id: string;
  /** Releases whose pluto refuses the conn for this. */
  readonly versions: readonly LibreswanVersion[];
  /** Checked once for each end (`{end}`, `{other}`), or once for the conn. */
  readonly perEnd: boolean;
  /** The keys it reads (documentation, and where to look for the inherited line). */
  readonly reads: readonly string[];
  readonly when: AddTimeCondition;
  /** The key to point at; the conn's header when it is not set. */
  readonly at: string;
  /** Why Libreswan refuses, in our words, with what to do. */
  readonly reason: string;
}

const V5: readonly LibreswanVersion[] = ['5.0', '5.1', '5.2', '5.3', '5.4', 'latest'];
const FROM_52: readonly LibreswanVersion[] = ['5.2', '5.3', '5.4', 'latest'];
/** Seen refused by 5.2 and held by 5.4 (5.3 is between; counted with 5.2 until checked). */
const UP_TO_52: readonly LibreswanVersion[] = ['5.0', '5.1', '5.2', '5.3'];
/** Seen refused by 5.4 and held by 5.2. */
const FROM_54: readonly LibreswanVersion[] = ['5.4', 'latest'];

const IKEV1_AUTHBY = ['secret', 'rsasig', 'rsa', 'never'];

/**
 * The value syntax (schemas/keywords.json `valueSyntaxes`) of each 5.x release's duration
 * reader, ttodeltatime(), for the durations pluto reads itself only in some conns (dpddelay=).
 */
/** 5.0-5.3 store dpdtimeout= as ikev1-dpdtimeout (an alias); 5.4 the other way round. */
const DPDTIMEOUT_SET: AddTimeCondition = { any: [{ set: 'dpdtimeout' }, { set: 'ikev1-dpdtimeout' }] };

/** Either end is an opportunistic host (pluto's is_opportunistic_wm: KH_OPPO, KH_OPPOGROUP). */
const OPPORTUNISTIC_WORDS = ['%opportunistic', '%oppo', '%opportunisticgroup', '%oppogroup'];
const OPPORTUNISTIC_END: AddTimeCondition = { any: [{ oneOf: 'left', values: OPPORTUNISTIC_WORDS }, { oneOf: 'right', values: OPPORTUNISTIC_WORDS }] };

export const DURATION_SYNTAX: Readonly<Partial<Record<LibreswanVersion, string>>> = {
  '5.0': 'duration-v50', '5.1': 'duration-v50', '5.2': 'duration-v52', '5.3': 'duration-v53', '5.4': 'duration-v54', latest: 'duration-v54',
};

export const ADD_TIME_CONSTRAINTS: readonly AddTimeConstraint[] = [
  // Address pools (extract.c, the addresspool block of each end).
  {
    id: 'pool-beside-subnets', versions: V5, perEnd: true, reads: ['{end}addresspool', '{end}subnets'],
    when: { all: [{ set: '{end}addresspool' }, { set: '{end}subnets' }] }, at: '{end}addresspool',
    reason: '{end}addresspool= and {end}subnets= on one end: the pool already decides the addresses this end uses, so pluto refuses the pair. Keep one of them',
  },
  {
    id: 'pool-starts-at-zero', versions: V5, perEnd: true, reads: ['{end}addresspool'],
    when: { test: 'pool-starts-at-zero', key: '{end}addresspool' }, at: '{end}addresspool',
    reason: 'the address pool {detail} begins at the all-zeros address, which pluto never hands out, so it refuses the pool. Start the pool at .1 (or ::1)',
  },
  {
    id: 'pool-overlaps-earlier', versions: V5, perEnd: true, reads: ['{end}addresspool'],
    when: { test: 'pool-overlaps-earlier', key: '{end}addresspool' }, at: '{end}addresspool',
    reason: 'the address pool overlaps {detail} without being the same range; pluto shares a pool between conns only when both name exactly the same addresses. Use the identical range or a disjoint one',
  },
  {
    // IKEv1's mode config hands out IPv4 addresses only (checked with the fuzzer's 5.2 verdicts).
    id: 'pool-ipv6-ikev1', versions: V5, perEnd: true, reads: ['{end}addresspool', 'keyexchange'],
    when: { all: [{ ikeVersion: 1 }, { neverNegotiates: false }, { test: 'ipv6-pool', key: '{end}addresspool' }] }, at: '{end}addresspool',
    reason: 'the address pool {detail} is IPv6, and IKEv1 mode config hands out IPv4 addresses only; pluto refuses it. Use an IPv4 pool or IKEv2',
  },
  {
    id: 'modecfgserver-own-pool', versions: V5, perEnd: true, reads: ['{end}modecfgserver', '{end}addresspool'],
    when: { all: [{ yes: '{end}modecfgserver' }, { set: '{end}addresspool' }, { opportunistic: false }] }, at: '{end}addresspool',
    reason: '{end}modecfgserver=yes with {end}addresspool=: the pool lists the addresses the server hands to the other end, so it belongs on that end ({other}addresspool=)',
  },
  {
    id: 'modecfgclient-peer-pool', versions: V5, perEnd: true, reads: ['{end}modecfgclient', '{other}addresspool'],
    when: { all: [{ yes: '{end}modecfgclient' }, { set: '{other}addresspool' }, { opportunistic: false }] }, at: '{end}modecfgclient',
    reason: '{end}modecfgclient=yes while {other}addresspool= is set: a pool on the other end means the other end receives addresses, which contradicts this end being the client. Move the pool or the client role',
  },
  {
    id: 'cat-peer-pool', versions: V5, perEnd: true, reads: ['{end}cat', '{other}addresspool'],
    when: { all: [{ yes: '{end}cat' }, { set: '{other}addresspool' }, { opportunistic: false }] }, at: '{end}cat',
    reason: '{end}cat=yes (client address translation) together with {other}addresspool=: pluto refuses the pair. Drop one of them',
  },
  {
    id: 'narrowing-no-pool', versions: V5, perEnd: true, reads: ['narrowing', '{end}addresspool'],
    when: { all: [{ no: 'narrowing' }, { set: '{end}addresspool' }] }, at: 'narrowing',
    reason: 'narrowing=no with {end}addresspool=: a pool hands out single addresses, which needs the traffic selectors narrowed, so pluto refuses an explicit narrowing=no. Remove narrowing=no',
  },
  // Source addresses (extract.c, the sourceip block of each end).
  {
    id: 'sourceip-two-of-a-family', versions: V5, perEnd: true, reads: ['{end}sourceip'],
    when: { test: 'two-addresses-of-one-family', key: '{end}sourceip' }, at: '{end}sourceip',
    reason: '{end}sourceip= lists {detail}; pluto takes at most one source address per address family',
  },
  {
    id: 'sourceip-with-interface-ip', versions: V5, perEnd: true, reads: ['{end}sourceip', '{end}interface-ip'],
    when: { all: [{ set: '{end}sourceip' }, { set: '{end}interface-ip' }] }, at: '{end}sourceip',
    reason: '{end}sourceip= and {end}interface-ip= both set: each names the address this end uses, and pluto refuses the two together. Keep one',
  },
  // IKE version and mode.
  {
    // connections.c up to 5.3 reads aggressive= before it sets shunts apart; 5.4's extract.c skips it on a shunt.
    id: 'aggressive-ikev2', versions: V5, perEnd: false, reads: ['aggressive', 'keyexchange'],
    when: { all: [{ yes: 'aggressive' }, { ikeVersion: 2 }] }, at: 'aggressive',
    reason: 'aggressive=yes is an IKEv1 exchange and this conn is IKEv2; pluto refuses it. Drop aggressive=, or set keyexchange=ikev1',
  },
  {
    id: 'aggressive-without-ike', versions: V5, perEnd: false, reads: ['aggressive', 'ike'],
    when: { all: [{ yes: 'aggressive' }, { ikeVersion: 1 }, { unset: 'ike' }] }, at: 'aggressive',
    reason: 'aggressive=yes without ike=: aggressive mode sends a single proposal in its first message, so pluto wants ike= to say which. Add ike= with one proposal',
  },
  {
    id: 'ikev1-policy-refuses', versions: FROM_54, perEnd: false, reads: ['keyexchange', 'ikev1-policy'],
    when: { all: [{ ikeVersion: 1 }, { neverNegotiates: false }, { setupOneOf: 'ikev1-policy', values: ['drop', 'reject'], unsetMeans: 'drop' }] }, at: 'keyexchange',
    reason: 'this conn is IKEv1, and config setup does not allow IKEv1 (ikev1-policy= is drop unless set to accept); pluto refuses every IKEv1 conn. Set ikev1-policy=accept in config setup, or move the conn to IKEv2',
  },
  {
    // Up to 5.3 the check comes before pluto sets never-negotiate conns apart (seen in the fuzzer's 5.2 verdicts on type=reject conns).
    id: 'ikev1-policy-refuses-any', versions: UP_TO_52, perEnd: false, reads: ['keyexchange', 'ikev1-policy'],
    when: { all: [{ ikeVersion: 1 }, { setupOneOf: 'ikev1-policy', values: ['drop', 'reject'], unsetMeans: 'drop' }] }, at: 'keyexchange',
    reason: 'this conn is IKEv1, and config setup does not allow IKEv1 (ikev1-policy= is drop unless set to accept); this release refuses every IKEv1 conn, shunts included. Set ikev1-policy=accept in config setup, or move the conn to IKEv2',
  },
  // IKEv2-only features and the modes they need (connections.c 5.0-5.3, extract.c 5.4); a shunt reads none of them.
  {
    id: 'intermediate-ikev1', versions: V5, perEnd: false, reads: ['intermediate', 'keyexchange'],
    when: { all: [{ yes: 'intermediate' }, { ikeVersion: 1 }, { neverNegotiates: false }] }, at: 'intermediate',
    reason: 'intermediate=yes asks for IKE_INTERMEDIATE exchanges, which only IKEv2 has, and this conn is IKEv1; pluto refuses it. Drop intermediate= or move the conn to IKEv2',
  },
  {
    id: 'session-resumption-ikev1', versions: V5, perEnd: false, reads: ['session-resumption', 'keyexchange'],
    when: { all: [{ yes: 'session-resumption' }, { ikeVersion: 1 }, { neverNegotiates: false }] }, at: 'session-resumption',
    reason: 'session-resumption=yes is an IKEv2 extension (RFC 5723) and this conn is IKEv1; pluto refuses it',
  },
  {
    id: 'send-supported-auth-methods-ikev1', versions: FROM_54, perEnd: false, reads: ['send-supported-auth-methods', 'keyexchange'],
    when: { all: [{ yes: 'send-supported-auth-methods' }, { ikeVersion: 1 }, { neverNegotiates: false }] }, at: 'send-supported-auth-methods',
    reason: 'send-supported-auth-methods=yes is an IKEv2 notification and this conn is IKEv1; pluto refuses it',
  },
  {
    id: 'mobike-ikev1', versions: V5, perEnd: false, reads: ['mobike', 'keyexchange'],
    when: { all: [{ yes: 'mobike' }, { ikeVersion: 1 }, { neverNegotiates: false }] }, at: 'mobike',
    reason: 'mobike=yes is IKEv2 mobility (RFC 4555) and this conn is IKEv1; pluto refuses it',
  },
  {
    id: 'mobike-transport', versions: V5, perEnd: false, reads: ['mobike', 'type'],
    when: { all: [{ yes: 'mobike' }, { ikeVersion: 2 }, { oneOf: 'type', values: ['transport'] }] }, at: 'mobike',
    reason: 'mobike=yes moves tunnel endpoints, so it needs type=tunnel; pluto refuses it with type=transport',
  },
  {
    id: 'iptfs-ikev1', versions: V5, perEnd: false, reads: ['iptfs', 'keyexchange'],
    when: { all: [{ yes: 'iptfs' }, { ikeVersion: 1 }, { neverNegotiates: false }] }, at: 'iptfs',
    reason: 'iptfs=yes (IP-TFS, RFC 9347) is negotiated by IKEv2 only and this conn is IKEv1; pluto refuses it',
  },
  {
    id: 'iptfs-transport', versions: V5, perEnd: false, reads: ['iptfs', 'type'],
    when: { all: [{ yes: 'iptfs' }, { ikeVersion: 2 }, { oneOf: 'type', values: ['transport'] }] }, at: 'iptfs',
    reason: 'iptfs=yes aggregates whole packets inside a tunnel, so it needs type=tunnel; pluto refuses it with type=transport',
  },
  {
    id: 'iptfs-tfc', versions: V5, perEnd: false, reads: ['iptfs', 'tfc', 'type'],
    when: { all: [{ yes: 'iptfs' }, { ikeVersion: 2 }, { not: { oneOf: 'type', values: ['transport'] } }, { outside: 'tfc', min: 0, max: 0 }] }, at: 'tfc',
    reason: 'tfc={tfc} beside iptfs=yes: IP-TFS does its own traffic-flow padding, and pluto refuses tfc= with it. Drop tfc= (or set it to 0)',
  },
  {
    id: 'iptfs-compress', versions: V5, perEnd: false, reads: ['iptfs', 'compress', 'type'],
    when: { all: [{ yes: 'iptfs' }, { ikeVersion: 2 }, { not: { oneOf: 'type', values: ['transport'] } }, { yes: 'compress' }] }, at: 'compress',
    reason: 'compress=yes beside iptfs=yes: pluto refuses IPComp with IP-TFS. Set compress=no',
  },
  {
    id: 'iptfs-ah', versions: V5, perEnd: false, reads: ['iptfs', 'phase2', 'type', 'compress'],
    when: { all: [{ yes: 'iptfs' }, { ikeVersion: 2 }, { not: { oneOf: 'type', values: ['transport'] } }, { not: { yes: 'compress' } }, { oneOf: 'phase2', values: ['ah'] }] }, at: 'phase2',
    reason: 'phase2=ah beside iptfs=yes: IP-TFS carries its packets in ESP, so pluto refuses AH. Use phase2=esp',
  },
  {
    id: 'opportunistic-ikev1', versions: FROM_54, perEnd: false, reads: ['left', 'right', 'keyexchange'],
    when: { all: [OPPORTUNISTIC_END, { ikeVersion: 1 }, { neverNegotiates: false }] }, at: 'keyexchange',
    reason: 'opportunistic encryption (%opportunistic, %opportunisticgroup) works over IKEv2 only and this conn is IKEv1; pluto refuses it',
  },
  {
    // Up to 5.3 pluto checks this before it sets shunts apart.
    id: 'opportunistic-ikev1-any', versions: UP_TO_52, perEnd: false, reads: ['left', 'right', 'keyexchange'],
    when: { all: [OPPORTUNISTIC_END, { ikeVersion: 1 }] }, at: 'keyexchange',
    reason: 'opportunistic encryption (%opportunistic, %opportunisticgroup) works over IKEv2 only and this conn is IKEv1 (a shunt too, in this release); pluto refuses it',
  },
  {
    id: 'vti-transport', versions: V5, perEnd: false, reads: ['vti-interface', 'type'],
    when: { all: [{ set: 'vti-interface' }, { oneOf: 'type', values: ['transport'] }] }, at: 'vti-interface',
    reason: 'vti-interface= routes the tunnel through a VTI device, which needs type=tunnel; pluto refuses it with type=transport',
  },
  {
    id: 'labeled-ipsec-ikev1', versions: V5, perEnd: false, reads: ['sec-label', 'keyexchange'],
    when: { all: [{ set: 'sec-label' }, { ikeVersion: 1 }, { neverNegotiates: false }] }, at: 'sec-label',
    reason: 'a security label (sec-label=/policy-label=) needs IKEv2; pluto refuses labeled IPsec on an IKEv1 conn',
  },
  // Authentication (extract_authby, the auth block of each end, and the final cross-check).
  {
    id: 'authby-not-ikev1', versions: V5, perEnd: false, reads: ['authby', 'keyexchange'],
    when: { all: [{ ikeVersion: 1 }, { authbyItemOutside: IKEV1_AUTHBY }, { neverNegotiates: false }] }, at: 'authby',
    reason: 'authby={authby}: IKEv1 authenticates only with secret or rsasig (or never); pluto refuses the other methods there',
  },
  {
    id: 'authby-not-ikev1-shunt', versions: UP_TO_52, perEnd: false, reads: ['authby', 'keyexchange', 'type'],
    when: { all: [{ ikeVersion: 1 }, { authbyItemOutside: IKEV1_AUTHBY }, { neverNegotiates: true }] }, at: 'authby',
    reason: 'authby={authby}: IKEv1 authenticates only with secret or rsasig (or never), and this release checks that even on a shunt conn',
  },
  {
    id: 'authby-eddsa-unknown', versions: UP_TO_52, perEnd: false, reads: ['authby'],
    when: { authbyHasEach: [['eddsa']] }, at: 'authby',
    reason: 'authby=eddsa: this release does not know EdDSA authentication yet (5.4 does); it refuses the conn. Use rsasig or ecdsa',
  },
  {
    id: 'authby-ecdsa-sha1', versions: V5, perEnd: false, reads: ['authby'],
    when: { authbyHasEach: [['ecdsa-sha1']] }, at: 'authby',
    reason: 'authby=ecdsa-sha1: ECDSA signatures are made only with SHA-2 hashes, so pluto refuses SHA-1 here. Use ecdsa-sha2',
  },
  {
    id: 'authby-never-without-shunt', versions: V5, perEnd: false, reads: ['authby', 'type'],
    when: { all: [{ oneOf: 'authby', values: ['never'] }, { neverNegotiates: false }] }, at: 'authby',
    reason: 'authby=never means the conn never negotiates, so it must say what to do with the traffic: set type=passthrough, drop or reject',
  },
  {
    id: 'ikev1-psk-and-rsasig', versions: V5, perEnd: false, reads: ['authby', 'keyexchange'],
    when: { all: [{ ikeVersion: 1 }, { authbyHasEach: [['secret'], ['rsasig', 'rsa']] }, { neverNegotiates: false }] }, at: 'authby',
    reason: 'authby={authby}: an IKEv1 conn authenticates with one method, so pluto refuses a PSK beside RSA signatures. Keep one',
  },
  {
    id: 'auth-on-shunt', versions: UP_TO_52, perEnd: true, reads: ['{end}auth', 'type'],
    when: { all: [{ neverNegotiates: true }, { set: '{end}auth' }, { not: { oneOf: '{end}auth', values: ['never'] } }] }, at: '{end}auth',
    reason: '{end}auth= on a shunt conn (type=passthrough/drop/reject), which never authenticates; this release refuses it. Remove {end}auth=',
  },
  {
    // connections.c v5.0-v5.3: a type=passthrough/drop/reject conn takes no authby= but never (5.4 ignores it).
    id: 'shunt-with-authby', versions: UP_TO_52, perEnd: false, reads: ['authby', 'type'],
    when: { all: [{ neverNegotiates: true }, { set: 'authby' }, { not: { oneOf: 'authby', values: ['never'] } }] }, at: 'authby',
    reason: 'authby={authby} on a shunt conn (type=passthrough/drop/reject), which never authenticates; this release refuses any authby= there but never. Remove authby= from the shunt (or from the conn %default it inherits)',
  },
  {
    id: 'psk-and-null-ends', versions: V5, perEnd: false, reads: ['leftauth', 'rightauth'],
    when: { all: [{ endAuths: ['secret', 'null'] }, { neverNegotiates: false }] }, at: 'leftauth',
    reason: 'one end authenticates with a PSK and the other with null authentication; pluto refuses that mix. Use the same kind on both ends, or certificates/keys',
  },
  {
    id: 'eaponly-without-autheap', versions: V5, perEnd: true, reads: ['{end}auth', '{end}autheap'],
    when: { all: [{ oneOf: '{end}auth', values: ['eaponly'] }, { oneOf: '{end}autheap', values: ['none'], unsetMeans: 'none' }] }, at: '{end}auth',
    reason: '{end}auth=eaponly needs an EAP method in {end}autheap= (for example tls); without one pluto refuses the conn',
  },
  // Dead peer detection (connections.c 5.0-5.3, extract.c 5.4): IKEv2 reads dpddelay= and ignores
  // dpdtimeout=; IKEv1 reads both, and only when both are set; a shunt reads neither.
  {
    id: 'dpddelay-malformed', versions: V5, perEnd: false, reads: ['dpddelay', 'dpdtimeout', 'ikev1-dpdtimeout', 'keyexchange'],
    when: { all: [{ neverNegotiates: false }, { malformedDuration: 'dpddelay' }, { any: [{ ikeVersion: 2 }, DPDTIMEOUT_SET] }] }, at: 'dpddelay',
    reason: 'dpddelay={dpddelay} is not a duration this release reads (a number with an optional unit such as 30s); pluto refuses the conn',
  },
  {
    id: 'dpdtimeout-malformed', versions: V5, perEnd: false, reads: ['dpddelay', 'dpdtimeout', 'ikev1-dpdtimeout', 'keyexchange'],
    when: { all: [{ neverNegotiates: false }, { ikeVersion: 1 }, { set: 'dpddelay' }, { any: [{ malformedDuration: 'dpdtimeout' }, { malformedDuration: 'ikev1-dpdtimeout' }] }] }, at: 'dpdtimeout',
    reason: 'dpdtimeout={dpdtimeout}{ikev1-dpdtimeout} is not a duration this release reads (a number with an optional unit such as 120s); with dpddelay= set, an IKEv1 conn reads it and pluto refuses the conn',
  },
  // subnets= splits the conn into one alias per pair of subnets (whack_add.c); that parser, unlike
  // the one for a plain subnet=, refuses host bits below the prefix.
  {
    id: 'subnets-host-bits', versions: FROM_52, perEnd: true, reads: ['{end}subnets'],
    when: { test: 'host-bits-in-list', key: '{end}subnets' }, at: '{end}subnets',
    reason: '{end}subnets= item {detail} has bits set below its prefix; the subnets= parser refuses it where subnet= would clear them. Write the network address',
  },
  {
    id: 'subnet-host-bits-beside-subnets', versions: FROM_52, perEnd: true, reads: ['{end}subnet', 'leftsubnets', 'rightsubnets'],
    when: { test: 'host-bits-beside-subnets', key: '{end}subnet' }, at: '{end}subnet',
    reason: '{end}subnet={detail} has bits set below its prefix, and with subnets= on the conn pluto reads subnet= with the stricter parser that refuses it. Write the network address',
  },
  // Values pluto reads only at add time.
  {
    id: 'reqid-range', versions: FROM_54, perEnd: false, reads: ['reqid'],
    when: { outside: 'reqid', min: 1, max: 16383 }, at: 'reqid',
    reason: 'reqid={reqid} is outside 1-16383, the range pluto leaves for fixed reqids (it numbers the others itself)',
  },
  {
    id: 'ikeport-range', versions: FROM_54, perEnd: true, reads: ['{end}ikeport'],
    when: { outside: '{end}ikeport', min: 1, max: 65535 }, at: '{end}ikeport',
    reason: '{end}ikeport= must be a UDP port, 1-65535',
  },
  {
    id: 'tcp-remoteport-range', versions: FROM_54, perEnd: false, reads: ['tcp-remoteport'],
    // extract.c checks the range before it looks at enable-tcp=, so enable-tcp=no does not save 0 (seen in the fuzzer's 5.4 verdicts).
    when: { outside: 'tcp-remoteport', min: 1, max: 65535 }, at: 'tcp-remoteport',
    reason: 'tcp-remoteport={tcp-remoteport} must be a TCP port, 1-65535',
  },
  {
    id: 'enable-tcp-ikev1', versions: FROM_54, perEnd: false, reads: ['enable-tcp', 'keyexchange'],
    when: { all: [{ ikeVersion: 1 }, { neverNegotiates: false }, { set: 'enable-tcp' }, { not: { oneOf: 'enable-tcp', values: ['no'] } }] }, at: 'enable-tcp',
    reason: 'enable-tcp={enable-tcp}: IKE over TCP is an IKEv2 feature, and this conn is IKEv1',
  },
  {
    id: 'tcp-remoteport-too-big', versions: UP_TO_52, perEnd: false, reads: ['tcp-remoteport'],
    when: { all: [{ outside: 'tcp-remoteport', min: 0, max: 65535 }, { not: { oneOf: 'enable-tcp', values: ['no'], unsetMeans: 'no' } }] }, at: 'tcp-remoteport',
    reason: 'tcp-remoteport={tcp-remoteport} is larger than any TCP port (65535)',
  },
  {
    id: 'replay-window-range', versions: FROM_54, perEnd: false, reads: ['replay-window'],
    when: { outside: 'replay-window', min: 0, max: 4294967288 }, at: 'replay-window',
    reason: 'replay-window={replay-window} is larger than the kernel allows (4294967288 packets)',
  },
  {
    id: 'nexthop-not-an-address', versions: FROM_54, perEnd: true, reads: ['{end}nexthop'],
    when: { test: 'not-an-address', key: '{end}nexthop' }, at: '{end}nexthop',
    reason: '{end}nexthop= must be an IP address or %defaultroute/%direct; pluto does not look names up for it',
  },
  {
    id: 'raw-key-malformed', versions: FROM_52, perEnd: true, reads: ['{end}rsasigkey', '{end}pubkey', '{end}ecdsakey'],
    when: { any: [{ test: 'malformed-raw-key', key: '{end}rsasigkey' }, { test: 'malformed-raw-key', key: '{end}pubkey' }, { test: 'malformed-raw-key', key: '{end}ecdsakey' }] }, at: '{end}rsasigkey',
    reason: 'the raw public key has characters outside its encoding ({detail}); pluto cannot read it and refuses the conn. Paste the key exactly as `ipsec showhostkey` prints it',
  },
  {
    id: 'groundhog-in-fips', versions: FROM_52, perEnd: true, reads: ['{end}groundhog'],
    when: { all: [{ fips: true }, { yes: '{end}groundhog' }] }, at: '{end}groundhog',
    reason: '{end}groundhog=yes (a testing aid that lets the end run with its clock in the past) is not allowed in FIPS mode; remove it',
  },
];
