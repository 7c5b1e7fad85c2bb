import type { SecretsRule } from '../rule';
import { measureSecret } from '../../model/secret-strength';
import { PSK_MIN_LENGTH } from './psk-too-short';

/** Random text of this length carries about 384 bits; encoded data needs 32 bytes (256 bits). */
const STRONG_TEXT_LENGTH = 64;
const STRONG_ENCODED_BYTES = 32;

/** A PSK that is long enough not to be trivial, yet guessable: short of 64 random characters, or patterned. */
export const pskWeak: SecretsRule = {
  meta: { id: 'psk-weak', description: 'A pre-shared key under 64 random characters (32 bytes of 0x/0s data), or one with little variety (patterns, words, digits only).', defaultSeverity: 'warning', scope: 'secrets' },
  check({ secrets }, report) {
    for (const { file, record } of secrets.records) {
      if (record.kind !== 'psk') continue;
      const strength = measureSecret(file.secrets, record.data);
      // Too short is psk-too-short's finding; one finding per secret is enough.
      if (!strength || strength.length < PSK_MIN_LENGTH) continue;
      const minimum = strength.encoded ? STRONG_ENCODED_BYTES : STRONG_TEXT_LENGTH;
      const reason = strength.weakness ?? (strength.length < minimum ? `it is ${strength.length} ${strength.encoded ? 'bytes' : 'characters'} long, under ${minimum}` : undefined);
      if (!reason) continue;
      report({
        file: file.path,
        range: record.data.token.range,
        message: `This PSK is guessable: ${reason}. Replace it on both ends with ${STRONG_TEXT_LENGTH} random characters, e.g. from 'openssl rand -base64 48'`,
        rejectedByLibreswan: false,
      });
    }
  },
};
