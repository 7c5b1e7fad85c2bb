import { createHash } from 'node:crypto';
import type { End } from '../model/conn-ids';
import type { ResolvedConn, Setting } from '../model/connections';
import { rawPublicKeyKeywords } from '../../schemas/conn-facts';

export interface EndPublicKey {
  readonly setting: Setting;
  /** SHA-256 of the key bytes: two spellings of one key (blanks, base64 against hex) compare equal. */
  readonly digest: string;
}

/** The key bytes of `0s…` (base64) or `0x…` (hex) text; undefined for `%cert`, `%dnsondemand` and the like. */
function keyBytes(value: string): Buffer | undefined {
  const v = value.replace(/\s+/g, '');
  const body = v.slice(2);
  if (/^0s/i.test(v) && /^[A-Za-z0-9+/]+=*$/.test(body)) return Buffer.from(body, 'base64');
  if (/^0x/i.test(v)) {
    const hex = body.replace(/_/g, '');
    if (/^[0-9a-f]+$/i.test(hex) && hex.length % 2 === 0) return Buffer.from(hex, 'hex');
  }
  return undefined;
}

/** The raw public key a conn gives one end (`leftrsasigkey=`, `leftecdsakey=`, `leftpubkey=`), when it writes one out. */
export function endPublicKey(conn: ResolvedConn, end: End): EndPublicKey | undefined {
  for (const keyword of rawPublicKeyKeywords) {
    const setting = conn.settings.get(end + keyword);
    const bytes = setting ? keyBytes(setting.value) : undefined;
    if (setting && bytes && bytes.length > 0) return { setting, digest: createHash('sha256').update(bytes).digest('hex') };
  }
  return undefined;
}
