/**
 * Approximate security strength in bits of each proposal algorithm, after NIST SP 800-57
 * Part 1 (table 2 for finite-field and elliptic-curve groups, key size for ciphers) and
 * SP 800-107 for HMAC. Used only to tell whether an algorithm a conn adds is weaker than
 * everything the crypto policy offers of that type; not a security rating.
 *
 * Ciphers not listed take their key length. Broken or nil algorithms are 0.
 */
export const ALGORITHM_STRENGTH_BITS: Readonly<Record<string, number>> = {
  // encryption: fixed-key algorithms (AES, CAMELLIA take the key length)
  '3DES_CBC': 80, // 64-bit block: Sweet32 limits it well below its 112-bit key strength
  NULL: 0,
  NULL_AUTH_AES_GMAC: 0, // integrity only, no confidentiality
  CHACHA20_POLY1305: 256,
  // PRF
  HMAC_MD5: 0,
  HMAC_SHA1: 80,
  AES_XCBC: 128,
  HMAC_SHA2_256: 128,
  HMAC_SHA2_384: 192,
  HMAC_SHA2_512: 256,
  // integrity
  HMAC_MD5_96: 0,
  HMAC_SHA1_96: 80,
  AES_XCBC_96: 96,
  AES_CMAC_96: 96,
  HMAC_SHA2_256_TRUNCBUG: 0, // interoperates with nothing standard
  HMAC_SHA2_256_128: 128,
  HMAC_SHA2_384_192: 192,
  HMAC_SHA2_512_256: 256,
  // key exchange
  MODP1024: 80,
  MODP1536: 90,
  MODP2048: 112,
  MODP3072: 128,
  MODP4096: 152,
  MODP6144: 176,
  MODP8192: 200,
  DH22: 80,
  DH23: 112,
  DH24: 112,
  DH19: 128,
  DH20: 192,
  DH21: 256,
  DH31: 128,
  ML_KEM_512: 128,
  ML_KEM_768: 192,
  ML_KEM_1024: 256,
};

/** Strength of an algorithm as offered; undefined when unknown (treated as not weaker). */
export function strengthBits(name: string, type: string, keyLength: number, defaultKeyLength?: number | null): number | undefined {
  const fixed = ALGORITHM_STRENGTH_BITS[name];
  if (fixed !== undefined) return fixed;
  if (type !== 'encrypt') return undefined;
  // No length given: Libreswan offers each default length, the shortest being 128.
  return keyLength > 0 ? keyLength : defaultKeyLength ?? 128;
}
