import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSecrets } from '../../grammar/secrets';
import { scopesAt, scopesOf, tokenize } from './tokenize';

const SCOPE = 'source.ipsec-secrets';
const SECRET = 'string.other.secret.ipsec-secrets';

describe('ipsec-secrets.tmLanguage.json', () => {
  it('gives secret data its own scope in every form', async () => {
    const lines = await tokenize(SCOPE, '@a : PSK "quoted"\n@b : PSK \'single\'\n@c : XAUTH 0x12ab\n@d : PSK 0sAAAA\n@e : PSK 0tsome text # still data');
    expect(scopesOf(lines, 0, 'quoted')).toContain(SECRET);
    expect(scopesOf(lines, 1, 'single')).toContain(SECRET);
    expect(scopesOf(lines, 2, '12ab')).toContain(SECRET);
    expect(scopesOf(lines, 2, '0x')).toContain('storage.type.format.ipsec-secrets');
    expect(scopesOf(lines, 3, 'AAAA')).toContain(SECRET);
    expect(scopesOf(lines, 4, 'some text # still data')).toContain(SECRET);
  });

  it('scopes selectors, the separator and the kind', async () => {
    const lines = await tokenize(SCOPE, '@west 192.0.2.1 %any "2001:db8::1" : PSK "x"\n2001:db8::45: PSK "y"');
    expect(scopesOf(lines, 0, '@west')).toContain('variable.other.selector.ipsec-secrets');
    expect(scopesOf(lines, 0, '192.0.2.1')).toContain('constant.numeric.ipv4.ipsec-secrets');
    expect(scopesOf(lines, 0, '%any')).toContain('constant.language.selector.ipsec-secrets');
    expect(scopesOf(lines, 0, '2001:db8::1')).toContain('string.quoted.selector.ipsec-secrets');
    expect(scopesOf(lines, 0, ':')).toContain('punctuation.separator.key-value.ipsec-secrets');
    expect(scopesOf(lines, 0, 'PSK')).toContain('keyword.other.kind.ipsec-secrets');
    // The last colon of an unquoted IPv6 address is the separator, as in Libreswan.
    expect(scopesOf(lines, 1, '2001:db8::45')).toContain('constant.numeric.ipv6.ipsec-secrets');
    expect(scopesOf(lines, 1, ':')).toContain('punctuation.separator.key-value.ipsec-secrets');
  });

  it('scopes the PPK id apart from the PPK', async () => {
    const lines = await tokenize(SCOPE, '@a : PPKS "PPK_ID_1" "the-ppk"\n@b : PPKS bare-id "k"');
    expect(scopesOf(lines, 0, 'PPK_ID_1')).toContain('string.quoted.ppk-id.ipsec-secrets');
    expect(scopesOf(lines, 0, 'PPK_ID_1')).not.toContain(SECRET);
    expect(scopesOf(lines, 0, 'the-ppk')).toContain(SECRET);
    expect(scopesOf(lines, 1, 'bare-id')).toContain('invalid.illegal.unquoted-ppk-id.ipsec-secrets');
  });

  it('carries a secret record over indented continuation lines and ends it at column 0', async () => {
    const lines = await tokenize(SCOPE, '@a :\tPSK\n\t"on the next line"\n@b : PSK "z"');
    expect(scopesOf(lines, 1, 'on the next line')).toContain(SECRET);
    expect(scopesOf(lines, 2, '@b')).not.toContain('meta.record.secret.ipsec-secrets');
  });

  it('marks comments only at token boundaries', async () => {
    const lines = await tokenize(SCOPE, '# c\n@a#b : PSK "x#y" # z\n@c : PSK "x"# glued');
    expect(scopesOf(lines, 0, ' c')).toContain('comment.line.number-sign.ipsec-secrets');
    expect(scopesOf(lines, 1, '@a#b')).toContain('variable.other.selector.ipsec-secrets');
    expect(scopesOf(lines, 1, 'x#y')).toContain(SECRET);
    expect(scopesOf(lines, 1, ' z')).toContain('comment.line.number-sign.ipsec-secrets');
    expect(scopesOf(lines, 2, ' glued')).toContain('comment.line.number-sign.ipsec-secrets');
  });

  it('scopes include, ignored RSA records and mistakes', async () => {
    const lines = await tokenize(SCOPE, 'include /etc/ipsec.d/*.secrets\n: RSA {\n\tModulus: 0x00\n\t}\n@x :PSK "y"\n@y : PSK bare\n@z : PSK "open');
    expect(scopesOf(lines, 0, 'include')).toContain('keyword.control.import.include.ipsec-secrets');
    expect(scopesOf(lines, 0, '/etc/ipsec.d/*.secrets')).toContain('string.unquoted.path.ipsec-secrets');
    expect(scopesOf(lines, 1, 'RSA')).toContain('invalid.deprecated.kind.ipsec-secrets');
    expect(scopesOf(lines, 2, '\tModulus: 0x00')).toContain('meta.record.ignored.ipsec-secrets');
    expect(scopesOf(lines, 2, '\tModulus: 0x00')).not.toContain(SECRET);
    expect(scopesOf(lines, 4, ':PSK')).toContain('invalid.illegal.colon-not-separated.ipsec-secrets');
    expect(scopesOf(lines, 5, 'bare')).toContain('invalid.illegal.unquoted-secret.ipsec-secrets');
    expect(scopesOf(lines, 6, '"open')).toContain('invalid.illegal.unterminated-string.ipsec-secrets');
  });
});

describe('ipsec-secrets.tmLanguage.json agrees with the parser', () => {
  const dir = fileURLToPath(new URL('../fixtures/secrets/valid/', import.meta.url));
  const names = readdirSync(dir).filter((f) => f.endsWith('.secrets'));
  it.each(names)('every secret payload in %s is scoped as a secret', async (name) => {
    const text = readFileSync(dir + name, 'utf8');
    const lines = await tokenize(SCOPE, text.replace(/\r\n/g, '\n'));
    for (const record of parseSecrets(text).records) {
      if (record.kind !== 'psk' && record.kind !== 'xauth' && record.kind !== 'ppks') continue;
      const { start, end } = record.data.payloadRange;
      for (let c = start.character; c < end.character; c++) expect(scopesAt(lines, start.line, c)).toContain(SECRET);
    }
  });
});
