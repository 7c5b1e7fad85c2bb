import ipaddr from 'ipaddr.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAddress, plainDottedQuad } from '../../server/model/address-syntax';

describe('plainDottedQuad', () => {
  it('reads plain dotted quads and refuses the rest', () => {
    expect(plainDottedQuad('192.0.2.1')).toEqual([192, 0, 2, 1]);
    expect(plainDottedQuad('0.0.0.0')).toEqual([0, 0, 0, 0]);
    for (const text of ['01.2.3.4', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1..2.3', '.1.2.3', '1.2.3.', '1.2.3.4 ', '0x1.2.3.4', '', '1234.1.1.1'])
      expect(plainDottedQuad(text), text).toBeUndefined();
  });

  it('accepts only what ipaddr.js reads as a four-part decimal, with the same octets (property)', () => {
    const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '007', '', 'x', '0x1', ' 1'));
    const text = fc.oneof(fc.array(part, { minLength: 1, maxLength: 6 }).map((p) => p.join('.')), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(text, (t) => {
        const quad = plainDottedQuad(t);
        if (quad) {
          expect(ipaddr.IPv4.isValidFourPartDecimal(t)).toBe(true);
          expect(ipaddr.IPv4.parse(t).octets).toEqual(quad);
        }
      }),
      { numRuns: 5000, seed: 14 },
    );
  });

  it('leaves parseAddress answering as before, misses included', () => {
    expect(parseAddress('192.0.2.1')?.toString()).toBe('192.0.2.1');
    expect(parseAddress('10.1')?.toString()).toBe('10.0.0.1');
    expect(parseAddress('2001:db8::1')?.kind()).toBe('ipv6');
    expect(parseAddress('not-an-address')).toBeUndefined();
    expect(parseAddress('not-an-address')).toBeUndefined();
  });
});
