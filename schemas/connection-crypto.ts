/**
 * How the conn keywords around a proposal (`keyexchange=`, `ikev2=`, `pfs=`, `phase2=`,
 * `type=`, `authby=`) decide which proposal Libreswan parses, for which IKE version and
 * protocol. Facts read from each tag: 4.x `lib/libipsecconf/confread.c` and
 * `programs/pluto/connections.c`; 5.0–5.2 `confread.c`; 5.3 `programs/pluto/connections.c`
 * (`extract_ike_version`, `extract_encap_proto`); 5.4+ `programs/pluto/extract.c`.
 */
import type { IkeVersion } from './algorithms';
import type { LibreswanVersion } from './keywords';

/**
 * `ikev2=` values. The 4.x four-valued list and the 5.x boolean agree: `permit` ("initiate
 * IKEv1, accept an upgrade") already meant an IKEv1 conn in 4.x's confread.c.
 */
export const IKEV2_VALUE_MEANING: Readonly<Record<string, IkeVersion>> = {
  never: 1, no: 1, permit: 1,
  yes: 2, propose: 2, insist: 2, always: 2,
};

/**
 * `keyexchange=` values. Up to 4.15 the only value is `ike`, which changes nothing; 5.0
 * added `ikev1`/`ikev2`, which win over `ikev2=`. `ike` means "ask ikev2=".
 */
export const KEYEXCHANGE_VALUE_MEANING: Readonly<Record<string, IkeVersion | 'ikev2-keyword'>> = {
  ike: 'ikev2-keyword', ikev1: 1, ikev2: 2,
};

/** With neither keyword, every supported release builds an IKEv2 conn. */
export const DEFAULT_IKE_VERSION: IkeVersion = 2;

/** `pfs=` is on unless switched off, in every release. */
export const DEFAULT_PFS = true;

/** `type=` values that never negotiate: Libreswan ignores ike=/esp= for them. */
export const NEVER_NEGOTIATE_TYPES: readonly string[] = ['pass', 'passthrough', 'drop', 'reject'];

/** `authby=never` builds no IKE SA, so ike= is ignored (4.x connections.c; same later). */
export const AUTHBY_WITHOUT_IKE: readonly string[] = ['never'];

/**
 * How the Child SA proposal is picked from `esp=`, `ah=` and `phase2alg=`:
 * - `one-key` (4.10–5.2): `ah=` and `phase2alg=` are aliases of `esp=`; `phase2=` only picks
 *   the parser (ESP or AH) for that one value. Two of them in a conn are a key clash.
 * - `phase2alg-fallback` (5.3): three keywords; `phase2=ah` reads `ah=`, `phase2=esp`
 *   `esp=`, each falling back to `phase2alg=` and refusing the conn when both are set;
 *   without `phase2=`, `ah=` wins over `esp=`, which wins over `phase2alg=`.
 * - `strict` (5.4+): `phase2=` defaults to esp when `esp=` is set, else ah when `ah=` is
 *   set; `esp=` together with `ah=` refuses the conn, and so does `phase2alg=` with the
 *   keyword `phase2=` selects.
 */
export type ChildProposalSelection = 'one-key' | 'phase2alg-fallback' | 'strict';

export const CHILD_PROPOSAL_SELECTION: Readonly<Record<LibreswanVersion, ChildProposalSelection>> = {
  '4.10': 'one-key',
  '4.12': 'one-key',
  '4.15': 'one-key',
  '5.0': 'one-key',
  '5.1': 'one-key',
  '5.2': 'one-key',
  '5.3': 'phase2alg-fallback',
  '5.4': 'strict',
  latest: 'strict',
};

/** `phase2=` values; `default` is esp. */
export const PHASE2_VALUE_MEANING: Readonly<Record<string, 'esp' | 'ah'>> = { esp: 'esp', ah: 'ah', default: 'esp' };

/**
 * The PSK floor in FIPS mode: half the PRF's key size in bytes (FIPS 198 "L/2"), from
 * `crypt_prf_fips_key_size_min()` in lib/libswan/crypt_prf.c (same in 4.10 and 5.4) and
 * each PRF's `prf_key_size` in lib/libswan/ike_alg_*.c. IKEv2 fails authentication
 * (ikev2_psk.c), IKEv1 rejects the transform (ikev1_spdb_struct.c).
 */
export const FIPS_PSK_MIN_BYTES: Readonly<Record<string, number>> = {
  HMAC_SHA1: 10,
  HMAC_SHA2_256: 16,
  HMAC_SHA2_384: 24,
  HMAC_SHA2_512: 32,
  AES_XCBC: 8,
  HMAC_MD5: 8,
};
