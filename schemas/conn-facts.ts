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

/** `leftauth=` words and the `authby=` items that allow each (pluto: "%sauth=%s expects authby=%s"). */
export const endAuthNeedsAuthby: Readonly<Record<string, readonly string[]>> = {
  secret: ['secret'],
  psk: ['secret'],
  null: ['null'],
  rsasig: ['rsasig', 'rsa', 'rsa-sha1', 'rsa-sha2', 'rsa-sha2_256', 'rsa-sha2_384', 'rsa-sha2_512'],
  rsa: ['rsasig', 'rsa', 'rsa-sha1', 'rsa-sha2', 'rsa-sha2_256', 'rsa-sha2_384', 'rsa-sha2_512'],
  ecdsa: ['ecdsa', 'ecdsa-sha2', 'ecdsa-sha2_256', 'ecdsa-sha2_384', 'ecdsa-sha2_512'],
};

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
}

const v4: ConnAddFacts = {
  sourceipOutsideSubnetRejected: false,
  sourceipMustMatchHostWithoutSubnet: false,
  modecfgServerAndClientRejected: false,
  modecfgServerBothEndsRejected: false,
  nicOffloadPacket: false,
};
const v50: ConnAddFacts = { ...v4, sourceipOutsideSubnetRejected: true, modecfgServerAndClientRejected: true, nicOffloadPacket: true };
const v52: ConnAddFacts = { ...v50, sourceipMustMatchHostWithoutSubnet: true, modecfgServerBothEndsRejected: true };

export const connAddFacts: Readonly<Record<LibreswanVersion, ConnAddFacts>> = {
  '4.10': v4,
  '4.12': v4,
  '4.15': v4,
  '5.0': v50,
  '5.1': v50,
  '5.2': v52,
  '5.3': v52,
  '5.4': v52,
  latest: v52,
};

/** `ikev2=` values that make a conn IKEv1 (4.x maps `permit` to IKEv1 too); 5.x also reads `keyexchange=ikev1`. */
export const ikev1Ikev2Values: ReadonlySet<string> = new Set(['no', 'never', 'permit', 'n', 'false', 'off', '0']);

/** `leftid=` words Libreswan reads itself rather than as a name or address. */
export const idWords: ReadonlySet<string> = new Set(['%any', '%none', '%null', '%fromcert', '%myid']);
