import { describe, expect, it } from 'vitest';
import { includePattern, parseSecrets, printSecrets, readSecretPayload, type SecretsFile, type SecretsRecord } from '../../grammar/secrets';

function only(file: SecretsFile): SecretsRecord {
  expect(file.records).toHaveLength(1);
  return file.records[0];
}

function secret(text: string) {
  const file = parseSecrets(text);
  const record = only(file);
  if (record.kind !== 'psk' && record.kind !== 'xauth' && record.kind !== 'ppks') throw new Error(`expected a secret record, got ${record.kind}`);
  return { file, record };
}

describe('records', () => {
  it('reads indices, colon, kind and quoted data with exact ranges', () => {
    const { file, record } = secret('@west @east : PSK "s3cret-value"\n');
    expect(record.kind).toBe('psk');
    expect(record.indices.map((i) => [i.value, i.kind])).toEqual([
      ['@west', 'fqdn'],
      ['@east', 'fqdn'],
    ]);
    expect(record.colon.range).toEqual({ start: { line: 0, character: 12 }, end: { line: 0, character: 13 } });
    expect(record.kindToken.text).toBe('PSK');
    expect(record.data.format).toBe('quoted');
    expect(record.data.quote).toBe('"');
    expect(record.data.payloadRange).toEqual({ start: { line: 0, character: 19 }, end: { line: 0, character: 31 } });
    expect(readSecretPayload(file, record.data)).toBe('s3cret-value');
    expect(record.trailing).toEqual([]);
    expect(file.errors).toEqual([]);
  });

  it('accepts kind words in any case', () => {
    expect(secret('@a : psk "12345678"').record.kind).toBe('psk');
    expect(secret('@a : Xauth "pw"').record.kind).toBe('xauth');
    expect(secret('@a : ppks "id" "key"').record.kind).toBe('ppks');
  });

  it('classifies every index form', () => {
    const text = '%any %any6 %none %null %fromcert 0.0.0.0 192.0.2.1 "2001:db8::1" gw.example.com "CN=west" @~3081 @#0a0b @[kid] @west user@example.com %bogus : PSK "x"';
    const { record } = secret(text);
    expect(record.indices.map((i) => i.kind)).toEqual([
      'any', 'any6', 'none', 'null', 'fromcert', 'none', 'ipv4', 'ipv6', 'hostname', 'dn', 'der-dn', 'keyid', 'keyid', 'fqdn', 'user-fqdn', 'unknown-keyword',
    ]);
    expect(record.indices[7].value).toBe('2001:db8::1');
  });

  it('splits a trailing colon off the last index, also after an IPv6 address', () => {
    const { record } = secret('@east 2001:db8:1:2::45:  PSK "x"');
    expect(record.indices.map((i) => i.value)).toEqual(['@east', '2001:db8:1:2::45']);
    expect(record.colon.range.start.character).toBe(22);
  });

  it('continues a record on indented lines across comments and blank lines', () => {
    const file = parseSecrets('@a\n# comment\n\n\t@b\n  : PSK "x"\n@c : PSK "y"\n');
    expect(file.records.map((r) => r.kind)).toEqual(['psk', 'psk']);
    const first = file.records[0];
    if (first.kind !== 'psk') throw new Error('psk expected');
    expect(first.indices.map((i) => i.value)).toEqual(['@a', '@b']);
    expect(first.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 4, character: 11 } });
  });

  it('decodes the data prefixes syntactically', () => {
    const formats = ['0x0a0b', '0XAB', '0sAAAA', '0SAAAA', '0ttext with blanks # and hash', '`0x0a`'].map((data) => secret(`: PSK ${data}`).record.data);
    expect(formats.map((d) => d.format)).toEqual(['hex', 'hex', 'base64', 'base64', 'text', 'hex']);
    const { file, record } = secret(': PSK 0ttext with blanks # and hash   \n');
    expect(readSecretPayload(file, record.data)).toBe('text with blanks # and hash');
    expect(file.comments).toEqual([]);
  });

  it('reads the PPK id and the PPK', () => {
    const { file, record } = secret('@west @east : PPKS "PPK_ID_1" 0x0011');
    if (record.kind !== 'ppks') throw new Error('ppks expected');
    expect(record.ppkId).toMatchObject({ value: 'PPK_ID_1', quoted: true });
    expect(record.data.format).toBe('hex');
    expect(readSecretPayload(file, record.data)).toBe('0011');
  });

  it('keeps include paths as written, quotes removed', () => {
    const file = parseSecrets('include ipsec.*.secrets\nInclude "/etc/with space/*.secrets"\n');
    expect(file.records.map((r) => (r.kind === 'include' ? r.path.value : r.kind))).toEqual(['ipsec.*.secrets', '/etc/with space/*.secrets']);
  });

  it('resolves include patterns against the including file\'s directory', () => {
    expect(includePattern('/etc/ipsec.secrets', 'ipsec.d/*.secrets')).toBe('/etc/ipsec.d/*.secrets');
    expect(includePattern('/etc/ipsec.d/a.secrets', '/etc/other/*.secrets')).toBe('/etc/other/*.secrets');
    expect(includePattern('ipsec.secrets', 'b.secrets')).toBe('b.secrets');
  });

  it('treats `include` after the first token as an ordinary index word', () => {
    const { record } = secret('@a include : PSK "x"');
    expect(record.indices.map((i) => i.value)).toEqual(['@a', 'include']);
  });

  it('turns legacy RSA records, block included, into one ignored record', () => {
    const file = parseSecrets(': RSA\t{\n\t# comment\n\tModulus: 0x00ff\n\t}\n# after\n@a : PSK "x"\n');
    expect(file.records.map((r) => r.kind)).toEqual(['ignored', 'psk']);
    const rsa = file.records[0];
    if (rsa.kind !== 'ignored') throw new Error('ignored expected');
    expect(rsa.kindToken.text).toBe('RSA');
    expect(rsa.body.map((t) => t.text)).toEqual(['{', 'Modulus', ':', '0x00ff', '}']);
    expect(file.errors).toEqual([]);
  });

  it('keeps comments as trivia, a # inside a bare token as part of it', () => {
    const file = parseSecrets('@a#b : PSK "x#y"# c1\n# c2\n');
    const { record } = secret('@a#b : PSK "x#y"');
    expect(record.indices[0].value).toBe('@a#b');
    expect(file.comments.map((c) => c.text)).toEqual(['# c1', '# c2']);
  });
});

describe('line endings and byte order marks', () => {
  it('keeps CR out of tokens with CRLF line endings', () => {
    const text = '@west @east : PSK "crlf"\r\n@a : PSK 0tend  \r\n';
    const file = parseSecrets(text);
    expect(file.errors).toEqual([]);
    expect(printSecrets(file)).toBe(text);
    const [first, second] = file.records;
    if (first.kind !== 'psk' || second.kind !== 'psk') throw new Error('psk expected');
    expect(first.data.token.text).toBe('"crlf"');
    expect(readSecretPayload(file, second.data)).toBe('end');
    expect(file.tokens.filter((t) => t.kind === 'newline').map((t) => t.text)).toEqual(['\r\n', '\r\n']);
  });

  it('reports a BOM and still reads the first record as written', () => {
    const text = '\uFEFF@west : PSK "x"\n';
    const file = parseSecrets(text);
    expect(file.errors.map((e) => e.code)).toEqual(['bom']);
    expect(file.records.map((r) => r.kind)).toEqual(['psk']);
    expect(printSecrets(file)).toBe(text);
  });
});

describe('record-level recovery', () => {
  it('reports every broken record and keeps every good one', () => {
    const text = [
      '@a PSK "no colon"',
      '@b : PSK "good one"',
      '@c :PSK "glued"',
      '@d : PSK',
      '@e : PSK plain words here',
      '@f : XAUTH "good two"',
      '@g : PPKS noquote',
      ':',
      'include',
      '',
    ].join('\n');
    const file = parseSecrets(text);
    expect(file.records.map((r) => (r.kind === 'error' ? `error:${r.reason}` : r.kind))).toEqual([
      'error:missing-colon',
      'psk',
      'error:missing-colon',
      'error:missing-data',
      'psk',
      'xauth',
      'error:missing-ppk',
      'error:missing-kind',
      'error:missing-include-path',
    ]);
    expect(file.errors.map((e) => `${e.range.start.line}:${e.code}`)).toEqual([
      '0:missing-colon',
      '2:colon-not-separated',
      '3:missing-data',
      '4:data-without-prefix',
      '4:trailing-tokens',
      '6:ppk-id-not-quoted',
      '6:missing-ppk',
      '7:missing-kind',
      '8:missing-include-path',
    ]);
    expect(file.errors.every((e) => e.severity === 'error')).toBe(true);
    expect(printSecrets(file)).toBe(text);
  });

  it('points at the glued colon only', () => {
    const file = parseSecrets('@c :PSK "glued"');
    expect(file.errors[0].range).toEqual({ start: { line: 0, character: 3 }, end: { line: 0, character: 4 } });
  });

  it('spans all trailing tokens', () => {
    const file = parseSecrets('@a : PSK "one" two three');
    expect(file.errors.map((e) => [e.code, e.range])).toEqual([
      ['trailing-tokens', { start: { line: 0, character: 15 }, end: { line: 0, character: 24 } }],
    ]);
  });

  it('does not offer the tokens of a colon-less record as indices (one may be the secret)', () => {
    const record = only(parseSecrets('@a PSK "hidden"'));
    expect(record.kind === 'error' && record.indices).toEqual([]);
  });

  it('discards indented tokens before the first record with a warning', () => {
    const file = parseSecrets('  @a : PSK "x"\n@b : PSK "y"\n');
    expect(file.errors.map((e) => [e.code, e.severity])).toEqual([['leading-indentation', 'warning']]);
    expect(file.records.map((r) => (r.kind === 'error' ? r.reason : r.kind))).toEqual(['leading-indentation', 'psk']);
  });
});
