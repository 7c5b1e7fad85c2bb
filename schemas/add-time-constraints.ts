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
  | 'malformed-raw-key';

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
    id: 'aggressive-ikev2', versions: V5, perEnd: false, reads: ['aggressive', 'keyexchange'],
    when: { all: [{ yes: 'aggressive' }, { ikeVersion: 2 }, { neverNegotiates: false }] }, at: 'aggressive',
    reason: 'aggressive=yes is an IKEv1 exchange and this conn is IKEv2; pluto refuses it. Drop aggressive=, or set keyexchange=ikev1',
  },
  {
    id: 'aggressive-without-ike', versions: V5, perEnd: false, reads: ['aggressive', 'ike'],
    when: { all: [{ yes: 'aggressive' }, { ikeVersion: 1 }, { unset: 'ike' }, { neverNegotiates: false }] }, at: 'aggressive',
    reason: 'aggressive=yes without ike=: aggressive mode sends a single proposal in its first message, so pluto wants ike= to say which. Add ike= with one proposal',
  },
  {
    id: 'ikev1-policy-refuses', versions: V5, perEnd: false, reads: ['keyexchange', 'ikev1-policy'],
    when: { all: [{ ikeVersion: 1 }, { neverNegotiates: false }, { setupOneOf: 'ikev1-policy', values: ['drop', 'reject'], unsetMeans: 'drop' }] }, at: 'keyexchange',
    reason: 'this conn is IKEv1, and config setup does not allow IKEv1 (ikev1-policy= is drop unless set to accept); pluto refuses every IKEv1 conn. Set ikev1-policy=accept in config setup, or move the conn to IKEv2',
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
    id: 'ikev1-psk-on-shunt', versions: UP_TO_52, perEnd: false, reads: ['authby', 'keyexchange', 'type'],
    when: { all: [{ ikeVersion: 1 }, { oneOf: 'authby', values: ['secret'] }, { neverNegotiates: true }, { not: { oneOf: 'authby', values: ['never'] } }] }, at: 'authby',
    reason: 'authby=secret on an IKEv1 shunt conn (type=passthrough/drop/reject): this release refuses the PSK there. Drop authby= from the shunt',
  },
  {
    id: 'auth-on-shunt', versions: UP_TO_52, perEnd: true, reads: ['{end}auth', 'type'],
    when: { all: [{ neverNegotiates: true }, { set: '{end}auth' }, { not: { oneOf: '{end}auth', values: ['never'] } }] }, at: '{end}auth',
    reason: '{end}auth= on a shunt conn (type=passthrough/drop/reject), which never authenticates; this release refuses it. Remove {end}auth=',
  },
  {
    id: 'shunt-with-null-auth', versions: UP_TO_52, perEnd: false, reads: ['authby', 'type'],
    when: { all: [{ neverNegotiates: true }, { oneOf: 'authby', values: ['null'] }, { ikeVersion: 2 }] }, at: 'authby',
    reason: 'authby=null on a shunt conn (type=passthrough/drop/reject), which never authenticates; this release refuses it. Remove authby= from the shunt',
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
    // Above 65535 always; 0 only where TCP is on (the fuzzer's 5.4 verdicts hold tcp-remoteport=0 with enable-tcp=no).
    when: { any: [{ outside: 'tcp-remoteport', min: 0, max: 65535 }, { all: [{ outside: 'tcp-remoteport', min: 1, max: 65535 }, { not: { oneOf: 'enable-tcp', values: ['no'], unsetMeans: 'no' } }] }] }, at: 'tcp-remoteport',
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
