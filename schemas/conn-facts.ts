import type { LibreswanVersion } from './keywords';

/*
 * Libreswan facts the left-right-* and transport rules read, as data. Each was read from
 * the release tags' programs/pluto/connections.c and lib/libipsecconf/confread.c (4.x) or
 * lib/libswan/ipsecconf (5.x).
 */

/** `auto=` values with which the conn is loaded (added) when Libreswan starts. */
export const loadedAutoValues: ReadonlySet<string> = new Set(['add', 'start', 'ondemand', 'route', 'keep', 'up']);

/** `type=` values of shunts, which never negotiate (authby=never). */
export const negotiationlessTypes: ReadonlySet<string> = new Set(['pass', 'passthrough', 'drop', 'reject']);

/**
 * `left=`/`right=` words. Wildcards stand for "whoever the peer is" and never name this
 * host; `%defaultroute` is filled in from the routing table when the conn loads.
 */
export const hostWords: Readonly<Record<string, 'wildcard' | 'defaultroute'>> = {
  '%any': 'wildcard',
  '%any4': 'wildcard',
  '%any6': 'wildcard',
  '%opportunistic': 'wildcard',
  '%opportunisticgroup': 'wildcard',
  '%group': 'wildcard',
  '%defaultroute': 'defaultroute',
};

/** `authby=` items that sign with a key pair, and the per-end keywords that provide the key. */
export const signatureAuthbyItems: ReadonlySet<string> = new Set([
  'rsasig', 'rsa', 'rsa-sha1', 'rsa-sha2', 'rsa-sha2_256', 'rsa-sha2_384', 'rsa-sha2_512',
  'ecdsa', 'ecdsa-sha2', 'ecdsa-sha2_256', 'ecdsa-sha2_384', 'ecdsa-sha2_512', 'eddsa',
]);
export const keySourceKeywords: readonly string[] = ['rsasigkey', 'ecdsakey', 'pubkey', 'cert', 'ckaid'];
/** Per-end keywords that hold a raw public key (`0s…` base64 or `0x…` hex) rather than naming one. */
export const rawPublicKeyKeywords: readonly string[] = ['rsasigkey', 'ecdsakey', 'pubkey'];

/** `leftauth=` words and the `authby=` items that allow each (pluto: "%sauth=%s expects authby=%s"). */
export const endAuthNeedsAuthby: Readonly<Record<string, readonly string[]>> = {
  secret: ['secret'],
  psk: ['secret'],
  null: ['null'],
  rsasig: ['rsasig', 'rsa', 'rsa-sha1', 'rsa-sha2', 'rsa-sha2_256', 'rsa-sha2_384', 'rsa-sha2_512'],
  rsa: ['rsasig', 'rsa', 'rsa-sha1', 'rsa-sha2', 'rsa-sha2_256', 'rsa-sha2_384', 'rsa-sha2_512'],
  ecdsa: ['ecdsa', 'ecdsa-sha2', 'ecdsa-sha2_256', 'ecdsa-sha2_384', 'ecdsa-sha2_512'],
};

/**
 * The end auth pluto takes from authby= for an end without leftauth=/rightauth= (5.4's
 * lib/libswan/authby.c auth_from_authby): the first of these whose authby= words are listed;
 * without authby= the default is RSA signatures.
 */
export const authFromAuthbyOrder: readonly { readonly auth: string; readonly authby: readonly string[] }[] = [
  { auth: 'rsasig', authby: ['rsasig', 'rsa', 'rsa-sha2', 'rsa-sha2_256', 'rsa-sha2_384', 'rsa-sha2_512'] },
  { auth: 'ecdsa', authby: ['ecdsa', 'ecdsa-sha2', 'ecdsa-sha2_256', 'ecdsa-sha2_384', 'ecdsa-sha2_512'] },
  { auth: 'eddsa', authby: ['eddsa'] },
  { auth: 'rsasig', authby: ['rsa-sha1'] },
  { auth: 'secret', authby: ['secret'] },
  { auth: 'null', authby: ['null'] },
  { auth: 'never', authby: ['never'] },
];

/** What each release refuses at `ipsec auto --add`, beyond what every release refuses. */
export interface ConnAddFacts {
  /** `leftsourceip=` outside `leftsubnet=`: refused from 5.0 ("is not within"); 4.x loads it and routing breaks. */
  readonly sourceipOutsideSubnetRejected: boolean;
  /** `leftsourceip=` other than `left=` when no `leftsubnet=` is set: refused from 5.2. */
  readonly sourceipMustMatchHostWithoutSubnet: boolean;
  /** `leftmodecfgserver=yes` with `leftmodecfgclient=yes`: refused from 5.0. */
  readonly modecfgServerAndClientRejected: boolean;
  /** `modecfgserver=yes` on both ends: refused from 5.2. */
  readonly modecfgServerBothEndsRejected: boolean;
  /** `nic-offload=packet` exists (5.0+) and then needs type=transport, phase2=esp, compress=no, no encapsulation. */
  readonly nicOffloadPacket: boolean;
  /**
   * Virtual subnets (`subnet=vhost:…`/`vnet:…`) are IKEv1 only in every release. 4.x's starter
   * refuses them on an IKEv2 conn while reading the file: every conn, loaded or not, and
   * `conn %default` itself, which it checks as an IKEv2 conn unless it sets ikev2=no. 5.x's
   * pluto refuses only a conn it adds ("IKEv2 does not support virtual subnets").
   */
  readonly virtualSubnetRefusedOnRead: boolean;
  /** How a conn says it is IKEv1: 4.x knows only `ikev2=no`; 5.0 adds `keyexchange=ikev1`. */
  readonly ikev1Spelling: string;
  /**
   * Which conns a conn-level refusal is promised for. 4.x's addconn judges the conns it loads
   * (auto=add and up) while reading the file; 5.x moved those checks into pluto, which makes
   * them on every conn it is asked to add, so every conn but a building block (no auto= and
   * pulled in by also=, or without both ends) is refused when added.
   */
  readonly refusalsJudge: 'loaded-conns' | 'conns-to-add';
  /**
   * How the two ends' client families are compared. 4.x: the clients must share a family.
   * 5.x (extract.c): each end's families come from its subnets, else its address pools, else
   * its host, and both ends must use exactly the same families.
   */
  readonly clientFamilies: 'share-one' | 'same-set';
  /** `leftauth=` without `rightauth=` (or the reverse) is refused: up to 5.2; 5.4 fills the other in from authby=. */
  readonly endAuthPairRequired: boolean;
  /** A never-negotiate conn (type=passthrough/drop/reject) has its auth=, authby= and IKE version ignored with a warning (5.4), rather than checked (5.2). */
  readonly neverNegotiateIgnoresAuth: boolean;
  /** Only a signature `leftauth=` (rsasig, ecdsa) must be allowed by authby=; 5.x lets auth=secret/null override authby=. */
  readonly authbyLimitsOnlySignatureAuth: boolean;
  /** Whether a `nexthop=` of the other family than the hosts refuses the conn (5.2's pluto adds it). */
  readonly nexthopFamilyChecked: boolean;
  /** Hosts of two families refuse the conn; 5.2's pluto adds it (with a warning that the address does not resolve as the other family). */
  readonly hostFamilyMismatchRefused: boolean;
  /** Host words that fix the host family (`%any6`, `%defaultroute4`): 5.x compares them with the other end's address. */
  readonly hostWordFamilies: Readonly<Record<string, 'ipv4' | 'ipv6'>>;
  /**
   * 5.4: on a never-negotiate conn (type=passthrough/drop/reject) pluto reads only these keys
   * (per-end keys without their side, `''` for the host itself) and skips every other value
   * with a warning ("ignored for never-negotiate"), however malformed; undefined where every
   * value is read (4.x to 5.2). Measured with libreswan-pluto-check5: every conn keyword 5.4
   * checks when adding, set to a malformed value on a type=passthrough and a type=reject conn.
   */
  readonly neverNegotiateReads?: ReadonlySet<string>;
  /**
   * 5.4 (extract.c, host_addrs_from_whack_message): `hostaddrfamily=` fixes the hosts' family
   * before left=, leftnexthop=, right=, rightnexthop= are read in that order, so any of them
   * of the other family refuses the conn ("host address family … conflicts with …").
   */
  readonly hostaddrfamilyFixesHostFamily: boolean;
  /**
   * Host words that give pluto no address to hold `sourceip=` against when the end has no
   * subnet=, so the conn is refused (5.2: "… IP address unknown"; 5.4 compares with the zero
   * address). 5.2's addconn puts this host's own address in for %defaultroute, which makes
   * that case the host's; 5.4 leaves it zero. Checked with 5.2 and 5.4 pluto.
   */
  readonly sourceipUnknownHostWords: ReadonlySet<string>;
  /**
   * The one host family a conn's clients fall back to (an end without subnet= or pool uses
   * it). 'ipv6-anywhere' (5.0-5.2, confread.c): hostaddrfamily=, else IPv6 when left=,
   * leftnexthop=, right= or rightnexthop= looks like IPv6 (a colon, %defaultroute6, %any6),
   * else IPv4. 'first-family' (5.4, extract.c): hostaddrfamily=, else the first of those four
   * with a family (an address, %any6, %defaultroute4…), else IPv4.
   */
  readonly hostFamilyFrom: 'ipv6-anywhere' | 'first-family';
  /** `clientaddrfamily=` (5.x's "childaddrfamily") refuses a conn whose clients use the other family: up to 5.2 (obsolete from 5.3). */
  readonly clientaddrfamilyChecked: boolean;
  /**
   * Host words that leave an end without an address when the conn is added; a conn with two
   * such ends is refused ("must specify host IP address for our side"). 5.2's table knows only
   * %defaultroute, %any, %opportunistic(group), %oppo(group) and %group: it reads %any4,
   * %any6, %defaultroute4 and %defaultroute6 as interface names, which it does not find.
   * Undefined: the wildcards of hostWords (left-right-both-wildcard).
   */
  readonly addresslessHostWords?: ReadonlySet<string>;
  /**
   * Values pluto reads only when another key is yes (5.4's extract.c reads the IP-TFS
   * parameters inside its iptfs=yes block): elsewhere a malformed one refuses nothing.
   */
  readonly readOnlyWhenYes?: Readonly<Record<string, string>>;
  /**
   * `tcp-remoteport=` values refused with TCP on. 5.0-5.2's connections.c refuses only 500
   * (0 means the default, 4500); 5.4's extract.c refuses 0 by its range as well.
   */
  readonly tcpRemoteportRefused: readonly string[];
  /** `sourceip=0.0.0.0` or `::` is refused ("must be a valid address"): 5.x. */
  readonly sourceipZeroRefused: boolean;
}

const v4: ConnAddFacts = {
  sourceipOutsideSubnetRejected: false,
  sourceipMustMatchHostWithoutSubnet: false,
  modecfgServerAndClientRejected: false,
  modecfgServerBothEndsRejected: false,
  nicOffloadPacket: false,
  virtualSubnetRefusedOnRead: true,
  ikev1Spelling: 'ikev2=no',
  refusalsJudge: 'loaded-conns',
  clientFamilies: 'share-one',
  endAuthPairRequired: true,
  neverNegotiateIgnoresAuth: false,
  authbyLimitsOnlySignatureAuth: false,
  nexthopFamilyChecked: true,
  hostFamilyMismatchRefused: true,
  hostWordFamilies: {},
  hostaddrfamilyFixesHostFamily: false,
  sourceipUnknownHostWords: new Set(),
  sourceipZeroRefused: false,
  hostFamilyFrom: 'ipv6-anywhere',
  clientaddrfamilyChecked: false,
  tcpRemoteportRefused: ['0', '500'],
};
const v50: ConnAddFacts = { ...v4, sourceipOutsideSubnetRejected: true, modecfgServerAndClientRejected: true, nicOffloadPacket: true, virtualSubnetRefusedOnRead: false, ikev1Spelling: 'keyexchange=ikev1', refusalsJudge: 'conns-to-add', clientFamilies: 'same-set', clientaddrfamilyChecked: true, tcpRemoteportRefused: ['500'],
  // connections.c (v5.0-v5.2) sets authby= to the one PSK or null bit for auth=secret/null; checked with 5.2 pluto.
  authbyLimitsOnlySignatureAuth: true };
const v52: ConnAddFacts = { ...v50, sourceipMustMatchHostWithoutSubnet: true, modecfgServerBothEndsRejected: true, nexthopFamilyChecked: false, hostFamilyMismatchRefused: false,
  // %defaultroute4/6 are interface names to 5.2, so they give no address either.
  sourceipUnknownHostWords: new Set(['%any', '%any4', '%any6', '%group', '%opportunistic', '%opportunisticgroup', '%defaultroute4', '%defaultroute6']), sourceipZeroRefused: true,
  // Checked with the fuzzer's 5.2 verdicts (left=%defaultroute4 right=%any6 and the like).
  addresslessHostWords: new Set(['%any', '%any4', '%any6', '%opportunistic', '%oppo', '%opportunisticgroup', '%oppogroup', '%group', '%defaultroute4', '%defaultroute6']) };
// Checked against 5.4's pluto (../shared/corpus/VERDICTS-libreswan-5.4.jsonl, ikev2-asymmetric-01-parsing).
const v54: ConnAddFacts = { ...v52, endAuthPairRequired: false, neverNegotiateIgnoresAuth: true, authbyLimitsOnlySignatureAuth: true, hostFamilyMismatchRefused: true,
  // Checked with the fuzzer's 5.4 verdicts: "host address family IPv6 from left=… conflicts with rightnexthop=…".
  nexthopFamilyChecked: true, hostaddrfamilyFixesHostFamily: true, hostFamilyFrom: 'first-family', clientaddrfamilyChecked: false, addresslessHostWords: undefined,
  tcpRemoteportRefused: ['0', '500'],
  // Checked with the fuzzer's 5.4 verdicts: iptfs-packet-size=64k with iptfs=no is held.
  readOnlyWhenYes: { 'iptfs-packet-size': 'iptfs', 'iptfs-max-queue-size': 'iptfs', 'iptfs-drop-time': 'iptfs', 'iptfs-init-delay': 'iptfs', 'iptfs-reorder-window': 'iptfs' },
  sourceipUnknownHostWords: new Set([...v52.sourceipUnknownHostWords, '%defaultroute']),
  // Checked with the fuzzer's 5.4 verdicts: "host address family IPv4 from left=… conflicts with right=%any6".
  hostWordFamilies: { '%any4': 'ipv4', '%any6': 'ipv6', '%defaultroute4': 'ipv4', '%defaultroute6': 'ipv6' },
  neverNegotiateReads: new Set(['', 'type', 'auto', 'also', 'addresspool', 'ckaid', 'ecdsakey', 'eddsakey', 'hostaddrfamily', 'nexthop', 'protoport', 'pubkey', 'rsasigkey', 'sourceip', 'subnet', 'subnets']) };

export const connAddFacts: Readonly<Record<LibreswanVersion, ConnAddFacts>> = {
  '4.10': v4,
  '4.12': v4,
  '4.15': v4,
  '5.0': v50,
  '5.1': v50,
  '5.2': v52,
  '5.3': v52,
  '5.4': v54,
  latest: v54,
};

/** Host words 5.0-5.2's confread.c takes as IPv6 when it guesses a conn's family ('ipv6-anywhere'), beside any value with a colon. */
export const ipv6LookingHostWords: ReadonlySet<string> = new Set(['%defaultroute6', '%any6']);

/** `hostaddrfamily=` words and the family each names (lib/libswan ttoinfo(), any case). */
export const hostaddrfamilyWords: Readonly<Record<string, 'ipv4' | 'ipv6'>> = { ipv4: 'ipv4', v4: 'ipv4', inet: 'ipv4', ipv6: 'ipv6', v6: 'ipv6', inet6: 'ipv6' };

/** `ikev2=` values that make a conn IKEv1 (4.x maps `permit` to IKEv1 too); 5.x also reads `keyexchange=ikev1`. */
export const ikev1Ikev2Values: ReadonlySet<string> = new Set(['no', 'never', 'permit', 'n', 'false', 'off', '0']);

/** `leftid=` words Libreswan reads itself rather than as a name or address. */
export const idWords: ReadonlySet<string> = new Set(['%any', '%none', '%null', '%fromcert', '%myid']);

/** `subnet=` prefixes of a virtual subnet (matched case-sensitively, as Libreswan does). */
export const virtualSubnetPrefixes: readonly string[] = ['vhost:', 'vnet:'];

/**
 * Ids that stand for any peer when secrets are matched (lib/libswan/secrets.c, id.c): the
 * wildcard words, and the all-zero addresses the secrets loader makes of `%any`/`%any6`.
 */
export const anyIdWords: ReadonlySet<string> = new Set(['', '%any', '%any6', '%none', '0.0.0.0', '::']);

/**
 * The only authby= items an IKEv1 conn may list, in the releases whose config reader checks it
 * when the file is loaded ("ikev1 connection must use authby= of rsasig, secret or never"):
 * lib/libipsecconf/confread.c of v4.10 to v5.2 (ECDSA, NULL and the RSA-SHA2 variants are
 * IKEv2 only). The check refuses the conn, whether or not it has auto=.
 */
export const ikev1AuthbyCheck: {
  readonly versions: ReadonlySet<LibreswanVersion>;
  readonly allowed: ReadonlySet<string>;
} = {
  versions: new Set<LibreswanVersion>(['4.10', '4.12', '4.15', '5.0', '5.1', '5.2']),
  allowed: new Set(['secret', 'rsasig', 'rsa', 'never']),
};
