import { createHash } from 'node:crypto';
import { readSecretPayload } from '../../grammar/secrets/index';
import type { PlacedSecret } from '../model/secrets-index';

/**
 * A digest of the key bytes Libreswan would use, so two hosts' secrets can be compared
 * without holding the secrets side by side. The digest is for equality only: never print it.
 */
export function secretDigest(placed: PlacedSecret): string | undefined {
  const { data } = placed.record;
  const payload = readSecretPayload(placed.file.secrets, data);
  let bytes: Buffer;
  switch (data.format) {
    case 'quoted':
    case 'text':
      bytes = Buffer.from(payload, 'utf8');
      break;
    case 'hex': {
      const digits = payload.replace(/_/g, '');
      if (!/^[0-9a-f]*$/i.test(digits) || digits.length % 2 !== 0) return undefined;
      bytes = Buffer.from(digits, 'hex');
      break;
    }
    case 'base64':
      bytes = Buffer.from(payload, 'base64');
      break;
    default:
      return undefined;
  }
  return createHash('sha256').update(bytes).digest('hex');
}
