import { describe, expect, it } from 'vitest';
import { scopesOf, tokenize } from './tokenize';

const SCOPE = 'source.ipsec-policy';

describe('ipsec-policy.tmLanguage.json', () => {
  it('scopes addresses, protocol, ports and comments', async () => {
    const lines = await tokenize(SCOPE, '# clear\n192.0.2.0/24\n2001:db8::/32 # v6\n10.0.1.0/24  tcp  0  22\nnot-an-address');
    expect(scopesOf(lines, 0, ' clear')).toContain('comment.line.number-sign.ipsec-policy');
    expect(scopesOf(lines, 1, '192.0.2.0/24')).toContain('constant.numeric.cidr.ipv4.ipsec-policy');
    expect(scopesOf(lines, 2, '2001:db8::/32')).toContain('constant.numeric.cidr.ipv6.ipsec-policy');
    expect(scopesOf(lines, 2, ' v6')).toContain('comment.line.number-sign.ipsec-policy');
    expect(scopesOf(lines, 3, 'tcp')).toContain('keyword.other.protocol.ipsec-policy');
    expect(scopesOf(lines, 3, '22')).toContain('constant.numeric.port.ipsec-policy');
    expect(scopesOf(lines, 4, 'not-an-address')).toContain('invalid.illegal.address.ipsec-policy');
  });
});
