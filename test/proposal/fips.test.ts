import { describe, expect, it } from 'vitest';
import { ALGORITHMS, isBuiltIn, type AlgorithmInfo } from '../../schemas/algorithms';
import { parseProposalList, type ProposalOptions } from '../../grammar/proposal';

/** A proposal that puts `name` in its algorithm's slot, in a setting that otherwise accepts it. */
function placement(algorithm: AlgorithmInfo, name: string): { value: string; options: Omit<ProposalOptions, 'fips'> } {
  const base = { version: 'latest' as const, pfs: true };
  switch (algorithm.type) {
    case 'encrypt':
      return { value: algorithm.aead ? name : `${name}-sha2`, options: { ...base, protocol: 'esp', ikeVersion: 2 } };
    case 'prf':
      return { value: `aes-${name}`, options: { ...base, protocol: 'ike', ikeVersion: 2 } };
    case 'integ':
      if (algorithm.name === 'NONE') return { value: `aes_gcm-${name}`, options: { ...base, protocol: 'esp', ikeVersion: 2 } };
      return { value: `aes-${name}`, options: { ...base, protocol: 'esp', ikeVersion: algorithm.ids.ikev2 ? 2 : 1 } };
    case 'ke':
      return { value: `aes-sha2;${name}`, options: { ...base, protocol: 'esp', ikeVersion: 2 } };
    case 'sn':
      return { value: `aes-sha2;sn=${name}`, options: { ...base, protocol: 'esp', ikeVersion: 2 } };
  }
}

const builtIn = ALGORITHMS.filter((a) => isBuiltIn(a, 'latest'));
const disallowed = builtIn.filter((a) => !a.fips);
const allowed = builtIn.filter((a) => a.fips);

describe('FIPS mode', () => {
  it('covers the algorithms FIPS mode is known to drop', () => {
    const names = disallowed.map((a) => `${a.type}:${a.name}`);
    for (const expected of ['encrypt:CAMELLIA_CBC', 'encrypt:CAMELLIA_CTR', 'encrypt:NULL', 'encrypt:CHACHA20_POLY1305', 'prf:HMAC_MD5',
      'integ:HMAC_MD5_96', 'prf:AES_XCBC', 'integ:AES_XCBC_96', 'integ:HMAC_SHA2_256_TRUNCBUG', 'ke:MODP1536', 'ke:DH31']) {
      expect(names).toContain(expected);
    }
  });

  for (const algorithm of disallowed) {
    for (const name of algorithm.names) {
      it(`flags ${algorithm.type} ${name} (${algorithm.name})`, () => {
        const { value, options } = placement(algorithm, name);
        expect(parseProposalList(value, { ...options, fips: false }).ok).toBe(true);
        const result = parseProposalList(value, { ...options, fips: true });
        expect(result.ok).toBe(false);
        const flagged = result.diagnostics.find((d) => d.code === 'fips-disallowed');
        expect(flagged?.severity).toBe('error');
        expect(value.slice(flagged?.start, flagged?.end).toLowerCase()).toContain(name.toLowerCase());
      });
    }
  }

  // Never built by default, so rejected in either mode; FIPS mode must not let them through.
  for (const name of ['modp1024', 'dh2', 'dh22', 'serpent', 'twofish', 'twofish_cbc']) {
    it(`rejects ${name} in FIPS mode`, () => {
      const value = name.startsWith('dh') || name.startsWith('modp') ? `aes-sha2;${name}` : `${name}-sha2`;
      const result = parseProposalList(value, { protocol: 'esp', ikeVersion: 2, pfs: true, fips: true, version: 'latest' });
      expect(result.ok).toBe(false);
    });
  }

  for (const algorithm of allowed) {
    for (const name of algorithm.names) {
      it(`allows ${algorithm.type} ${name} (${algorithm.name})`, () => {
        const { value, options } = placement(algorithm, name);
        const result = parseProposalList(value, { ...options, fips: true });
        expect(result.diagnostics.filter((d) => d.code === 'fips-disallowed')).toEqual([]);
        expect(result.ok).toBe(true);
      });
    }
  }
});
