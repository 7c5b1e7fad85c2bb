/**
 * A deterministic spread of proposals for differential tests against a real
 * `algparse`: common and odd algorithm names, every separator form, key
 * lengths, and multi-proposal lists.
 */
export interface GeneratedProposal {
  readonly keyword: 'ike' | 'esp' | 'ah';
  readonly value: string;
}

const ENCRYPT = ['aes', 'aes128', 'aes-256', 'aes_gcm', 'aes_gcm_16_256', 'aes_gcm-128', '3des', 'camellia', 'camellia_ctr', 'chacha20_poly1305', 'null', 'aes_ccm', 'aes_ctr192', 'aesctr', 'null_auth_aes_gmac', 'blowfish', 'aes224', 'serpent', 'AES_CBC'];
const INTEG = ['sha1', 'sha2', 'sha2_512', 'sha384', 'md5', 'aes_xcbc', 'sha1_96', 'none', 'aes_cmac', 'hmac_sha2_256_truncbug', 'sha2_256_128', 'ripemd'];
const KE = ['modp2048', 'modp1536', 'modp1024', 'dh19', 'dh31', 'ecp_384', 'none', 'dh23', 'modp8192', 'curve25519', 'dh14'];

/** A small linear congruential generator: same cases on every run. */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

export function generateProposals(count: number): GeneratedProposal[] {
  const pick = generator(20240611);
  const one = <T>(list: readonly T[]): T => list[pick(list.length)];
  const forms: ((keyword: 'ike' | 'esp') => string)[] = [
    () => one(ENCRYPT),
    () => `${one(ENCRYPT)}-${one(INTEG)}`,
    () => `${one(ENCRYPT)}-${one(INTEG)}-${one(KE)}`,
    () => `${one(ENCRYPT)}-${one(INTEG)};${one(KE)}`,
    () => `${one(ENCRYPT)};${one(KE)}`,
    () => `${one(ENCRYPT)}-${one(INTEG)}-${one(INTEG)}`,
    () => `${one(ENCRYPT)}+${one(ENCRYPT)}-${one(INTEG)}`,
    () => `${one(ENCRYPT)}-${one(INTEG)}+${one(INTEG)}-${one(KE)}+${one(KE)}`,
    () => `${one(ENCRYPT)}-${one(INTEG)}-${one(KE)},${one(ENCRYPT)}-${one(INTEG)}-${one(KE)}`,
    () => `${one(ENCRYPT)}-${one(INTEG)},${one(ENCRYPT)};${one(KE)}`,
  ];
  const ahForms: (() => string)[] = [
    () => one(INTEG),
    () => `${one(INTEG)}-${one(KE)}`,
    () => `${one(INTEG)};${one(KE)}`,
    () => `${one(INTEG)}+${one(INTEG)}`,
    () => `${one(INTEG)}-${one(KE)},${one(INTEG)}-${one(KE)}`,
  ];
  const out: GeneratedProposal[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const roll = pick(10);
    const keyword = roll < 4 ? 'ike' : roll < 8 ? 'esp' : 'ah';
    const value = keyword === 'ah' ? one(ahForms)() : one(forms)(keyword);
    const key = `${keyword}=${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ keyword, value });
  }
  return out;
}
