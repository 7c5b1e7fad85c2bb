import type { SecretsRule } from '../rule';
import { measureSecret } from '../../model/secret-strength';

export const PSK_MIN_LENGTH = 20;

/** A PSK under 20 characters: brute-forced offline from one captured IKE exchange. */
export const pskTooShort: SecretsRule = {
  meta: { id: 'psk-too-short', description: `A pre-shared key shorter than ${PSK_MIN_LENGTH} characters (bytes, for 0x/0s data).`, defaultSeverity: 'warning', scope: 'secrets' },
  check({ secrets }, report) {
    for (const { file, record } of secrets.records) {
      if (record.kind !== 'psk') continue;
      const strength = measureSecret(file.secrets, record.data);
      if (!strength || strength.length >= PSK_MIN_LENGTH) continue;
      report({
        file: file.path,
        range: record.data.token.range,
        message: `This PSK is ${strength.length} ${strength.encoded ? 'bytes' : 'characters'} long, under ${PSK_MIN_LENGTH}: anyone who records one IKE exchange can guess it offline. Use at least 64 random characters, e.g. from 'openssl rand -base64 48'`,
        rejectedByLibreswan: false,
      });
    }
  },
};
