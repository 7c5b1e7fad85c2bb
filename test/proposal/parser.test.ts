import { describe, expect, it } from 'vitest';
import { algorithmsFor, defaultProposalList, fipsReplacements, parseProposalList, type ProposalOptions } from '../../grammar/proposal';
import { findAlgorithm, LIBRESWAN_VERSIONS } from '../../schemas/algorithms';

const ike2: ProposalOptions = { protocol: 'ike', ikeVersion: 2, pfs: false, fips: false, version: 'latest' };
const esp2: ProposalOptions = { ...ike2, protocol: 'esp' };
const codes = (value: string, options: ProposalOptions): string[] => parseProposalList(value, options).diagnostics.map((d) => d.code);

describe('tokens and offsets', () => {
  it('gives every algorithm token its span, slot and resolution', () => {
    const result = parseProposalList('aes_gcm256-sha2_512;dh20,aes-128-sha2+sha1', ike2);
    expect(result.ok).toBe(true);
    expect(result.proposals.map((p) => [p.text, p.start, p.end])).toEqual([['aes_gcm256-sha2_512;dh20', 0, 24], ['aes-128-sha2+sha1', 25, 42]]);
    expect(result.proposals[0].tokens.map((t) => [t.text, t.start, t.end, t.slot, t.canonicalName, t.keyLength])).toEqual([
      ['aes_gcm256', 0, 10, 'encrypt', 'AES_GCM_16', 256],
      ['sha2_512', 11, 19, 'prf', 'HMAC_SHA2_512', undefined],
      ['dh20', 20, 24, 'ke', 'DH20', undefined],
    ]);
    expect(result.proposals[1].tokens.map((t) => [t.text, t.start, t.end, t.slot])).toEqual([
      ['aes-128', 25, 32, 'encrypt'], ['sha2', 33, 37, 'prf'], ['sha1', 38, 42, 'prf'],
    ]);
    expect(result.expansion).toEqual(['AES_GCM_16_256-HMAC_SHA2_512-DH20', 'AES_CBC_128-HMAC_SHA2_256+HMAC_SHA1-DH19+DH20+DH21+DH31+MODP4096+MODP3072+MODP2048+MODP8192']);
  });

  it('places an error on the offending token', () => {
    const value = 'aes-sha2,aes-sha3';
    const [diagnostic] = parseProposalList(value, ike2).diagnostics;
    expect(diagnostic.code).toBe('unknown-algorithm');
    expect(value.slice(diagnostic.start, diagnostic.end)).toBe('sha3');
    expect(diagnostic.message).toContain("'sha2'");
  });

  it('matches names case-insensitively', () => {
    expect(parseProposalList('AES_GCM_16_256-HMAC_SHA2_512;ECP_384', ike2).expansion).toEqual(['AES_GCM_16_256-HMAC_SHA2_512-DH20']);
  });
});

describe('diagnostic codes', () => {
  it.each([
    ['', ike2, 'empty'],
    ['aes--sha2', ike2, 'empty'],
    ['aes224-sha2', ike2, 'bad-key-length'],
    ['3des168', esp2, 'bad-key-length'],
    ['aes_ccm', ike2, 'not-valid-for-protocol'],
    ['aes_gcm', { ...ike2, ikeVersion: 1 }, 'not-valid-for-protocol'],
    ['blowfish', esp2, 'not-supported'],
    ['aes+3des-sha2', { ...ike2, ikeVersion: 1 }, 'plus-in-ikev1'],
    ['aes-sha2;prf=sha1', { ...ike2, ikeVersion: 1 }, 'ikev1-repeated-type'],
    ['aes;addke1=dh19', { ...ike2, ikeVersion: 1 }, 'unexpected-transform-type'],
    ['aes;foo=x', ike2, 'unknown-transform-type'],
    ['aes-sha1;dh19;dh20', ike2, 'unexpected-token'],
    ['aes+aes_gcm', ike2, 'aead-mixed'],
    ['aes_gcm-sha2', esp2, 'aead-needs-none'],
    ['aes-none', esp2, 'integ-none-not-allowed'],
    ['null', { ...esp2, protocol: 'ah' }, 'integ-none-not-allowed'],
    ['aes;none', ike2, 'ke-none-not-allowed'],
    ['aes-sha2-dh19,aes-sha1', { ...esp2, pfs: true }, 'ke-inconsistent'],
    ['aes-sha2-dh19,aes-sha1-dh20', { ...esp2, pfs: true }, 'ke-multiple'],
    ['ke=modp2048', esp2, 'missing-transform'],
    ['camellia', { ...esp2, fips: true }, 'fips-disallowed'],
  ] as const)('%s → %s', (value, options, code) => {
    const result = parseProposalList(value, options);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([code]);
  });

  it('warns about the old integ-before-prf order, and still accepts it', () => {
    const result = parseProposalList('aes-sha1_96-sha2', ike2);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['wrong-order', 'warning']]);
  });

  it('warns that a PFS group is ignored when pfs=no', () => {
    expect(codes('aes-sha2;modp2048', esp2)).toEqual(['dh-without-pfs']);
    expect(codes('aes-sha2;modp2048', { ...esp2, pfs: true })).toEqual([]);
  });

  it('warns about repeated algorithms', () => {
    expect(codes('aes+aes-sha1', ike2)).toEqual(['duplicate']);
  });
});

describe('release differences', () => {
  it('knows typed transforms and ML-KEM only from 5.4', () => {
    expect(parseProposalList('aes;addke1=ml_kem_768', ike2).ok).toBe(true);
    expect(parseProposalList('aes;addke1=ml_kem_768', { ...ike2, version: '5.4' }).ok).toBe(true);
    expect(codes('aes;addke1=ml_kem_768', { ...ike2, version: '4.10' })).toEqual(['not-in-version']);
    expect(codes('aes-sha2;ml_kem_768', { ...ike2, version: '5.3' })).toEqual(['not-in-version']);
  });

  it('treats MODP1024 as an optional build until 5.4 and gone after', () => {
    expect(codes('aes-sha2;modp1024', { ...ike2, version: '5.4' })).toEqual(['not-supported']);
    expect(codes('aes-sha2;modp1024', ike2)).toEqual(['not-in-version']);
  });

  it('allows ECP groups as IKEv1 quick-mode PFS groups only from 5.4', () => {
    const esp1: ProposalOptions = { ...esp2, ikeVersion: 1, pfs: true };
    expect(parseProposalList('aes-sha1;dh19', { ...esp1, version: '5.3' }).ok).toBe(false);
    expect(parseProposalList('aes-sha1;dh19', esp1).expansion).toEqual(['AES_CBC-HMAC_SHA1_96-DH19']);
  });

  it('prints expansions in each release layout', () => {
    expect(parseProposalList('aes_gcm', esp2).expansion).toEqual(['AES_GCM_16']);
    expect(parseProposalList('aes_gcm', { ...esp2, version: '5.3' }).expansion).toEqual(['AES_GCM_16-NONE']);
  });
});

describe('default proposals', () => {
  it('records the defaults of every release, normal and FIPS', () => {
    for (const version of LIBRESWAN_VERSIONS) {
      for (const protocol of ['ike', 'esp', 'ah'] as const) {
        for (const ikeVersion of [1, 2] as const) {
          for (const fips of [false, true]) {
            const result = defaultProposalList({ protocol, ikeVersion, pfs: false, fips, version });
            expect(result.ok, `${version} ${protocol} IKEv${ikeVersion} fips=${fips}`).toBe(true);
            expect(result.expansion.length).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('offers CHACHA20_POLY1305 by default from 5.0, and not in FIPS mode', () => {
    const first = (version: ProposalOptions['version'], fips: boolean): string[] =>
      defaultProposalList({ ...esp2, version, fips }).expansion.map((e) => e.split('-')[0]);
    expect(first('4.15', false)).not.toContain('CHACHA20_POLY1305');
    expect(first('5.0', false)).toContain('CHACHA20_POLY1305');
    expect(first('latest', true)).not.toContain('CHACHA20_POLY1305');
  });
});

describe('API for rules and completion', () => {
  it('suggests FIPS replacements of the same transform type', () => {
    const dh31 = findAlgorithm('ke', 'curve25519');
    expect(dh31).toBeDefined();
    const replacements = fipsReplacements(dh31!, { protocol: 'ike', ikeVersion: 2, version: 'latest' }).map((a) => a.name);
    expect(replacements).toContain('DH19');
    expect(replacements.every((name) => findAlgorithm('ke', name)?.fips)).toBe(true);
    const chacha = findAlgorithm('encrypt', 'chacha20_poly1305');
    expect(fipsReplacements(chacha!)[0].aead).toBe(true);
  });

  it('lists completion candidates FIPS-approved first, and only those in FIPS mode', () => {
    const all = algorithmsFor('ike', 'encrypt', 'latest', { fips: false });
    const firstNonFips = all.findIndex((a) => !a.fips);
    expect(firstNonFips).toBeGreaterThan(0);
    expect(all.slice(firstNonFips).every((a) => !a.fips)).toBe(true);
    expect(all.map((a) => a.name)).not.toContain('AES_CCM_16');
    expect(algorithmsFor('esp', 'encrypt', 'latest', { fips: true }).every((a) => a.fips)).toBe(true);
    expect(algorithmsFor('ike', 'ke', '4.10', { fips: false }).map((a) => a.name)).not.toContain('ML_KEM_768');
  });
});
