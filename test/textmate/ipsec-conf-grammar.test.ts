import { describe, expect, it } from 'vitest';
import { scopesOf, tokenize } from './tokenize';

const SCOPE = 'source.ipsec-conf';

describe('ipsec-conf.tmLanguage.json', () => {
  it('scopes section headers, include and version', async () => {
    const lines = await tokenize(SCOPE, 'config setup\nconn west-east\nconn %default\ninclude /etc/ipsec.d/*.conf\nversion 2.0');
    expect(scopesOf(lines, 0, 'config')).toContain('storage.type.section.config.ipsec-conf');
    expect(scopesOf(lines, 0, 'setup')).toContain('entity.name.section.config.ipsec-conf');
    expect(scopesOf(lines, 1, 'conn')).toContain('storage.type.section.conn.ipsec-conf');
    expect(scopesOf(lines, 1, 'west-east')).toContain('entity.name.section.conn.ipsec-conf');
    expect(scopesOf(lines, 2, '%default')).toContain('entity.name.section.conn.ipsec-conf');
    expect(scopesOf(lines, 3, 'include')).toContain('keyword.control.import.include.ipsec-conf');
    expect(scopesOf(lines, 3, '/etc/ipsec.d/*.conf')).toContain('string.unquoted.path.ipsec-conf');
    expect(scopesOf(lines, 4, '2.0')).toContain('constant.numeric.version.ipsec-conf');
  });

  it('scopes keys, the left/right prefix and =', async () => {
    const lines = await tokenize(SCOPE, 'conn a\n\tleftsubnet=10.0.0.0/24\n\tright = 192.0.2.1\n\tauto=start');
    expect(scopesOf(lines, 1, 'left')).toContain('storage.modifier.side.ipsec-conf');
    expect(scopesOf(lines, 1, 'subnet')).toContain('variable.other.key.ipsec-conf');
    expect(scopesOf(lines, 1, '=')).toContain('keyword.operator.assignment.ipsec-conf');
    // A bare `right` is the key itself, not a prefix.
    expect(scopesOf(lines, 2, 'right')).toContain('variable.other.key.ipsec-conf');
    expect(scopesOf(lines, 3, 'auto')).toContain('variable.other.key.ipsec-conf');
  });

  it('scopes value kinds', async () => {
    const lines = await tokenize(
      SCOPE,
      'conn a\n\tleft=%defaultroute\n\tright=192.0.2.1\n\tleftsubnet=2001:db8::/64\n\trightid="@east host"\n\tleftrsasigkey={0sAQ}\n\tikelifetime=3600s\n\tpfs=yes',
    );
    expect(scopesOf(lines, 1, '%defaultroute')).toContain('constant.language.percent.ipsec-conf');
    expect(scopesOf(lines, 2, '192.0.2.1')).toContain('constant.numeric.ipv4.ipsec-conf');
    expect(scopesOf(lines, 3, '2001:db8::/64')).toContain('constant.numeric.ipv6.ipsec-conf');
    expect(scopesOf(lines, 4, '@east host')).toContain('string.quoted.double.ipsec-conf');
    expect(scopesOf(lines, 5, '0sAQ')).toContain('string.quoted.other.braces.ipsec-conf');
    expect(scopesOf(lines, 6, '3600s')).toContain('constant.numeric.ipsec-conf');
    expect(scopesOf(lines, 7, 'yes')).toContain('constant.language.boolean.ipsec-conf');
  });

  it('opens a comment only at line start or after white space', async () => {
    const lines = await tokenize(SCOPE, '# top\nconn a\n\tleft=1.2.3.4#c\n\tright=5.6.7.8 #real\n\t# indented comment\n\trightid="x #y"');
    expect(scopesOf(lines, 0, ' top')).toContain('comment.line.number-sign.ipsec-conf');
    expect(scopesOf(lines, 2, '#c')).not.toContain('comment.line.number-sign.ipsec-conf');
    expect(scopesOf(lines, 2, '#c')).toContain('meta.value.ipsec-conf');
    expect(scopesOf(lines, 3, 'real')).toContain('comment.line.number-sign.ipsec-conf');
    expect(scopesOf(lines, 4, ' indented comment')).toContain('comment.line.number-sign.ipsec-conf');
    expect(scopesOf(lines, 5, 'x #y')).toContain('string.quoted.double.ipsec-conf');
  });
});
