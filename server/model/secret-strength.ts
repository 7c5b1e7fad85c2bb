import { readSecretPayload, type SecretData, type SecretsFile } from '../../grammar/secrets/index';

/*
 * Measures a secret without letting it out: callers get numbers and a reason word, never
 * the text or any part of it. Keep it that way; messages are built from these numbers.
 */

export interface SecretStrength {
  /** What Libreswan uses: characters of quoted/0t text, decoded bytes of 0x/0s data. */
  readonly length: number;
  /** True for 0x/0s data, which is usually random bytes from a generator. */
  readonly encoded: boolean;
  /** Why the secret looks guessable, as a phrase free of secret text; undefined when it does not. */
  readonly weakness: string | undefined;
}

/** Words people put in PSKs; matching any of them makes a secret guessable. */
const commonWords = ['password', 'passwd', 'secret', 'changeme', 'letmein', 'qwerty', 'admin', 'welcome', 'default', 'vpn', 'ipsec', 'test', 'psk', 'key'];

function weaknessOf(text: string): string | undefined {
  if (text.length === 0) return 'it is empty';
  const distinct = new Set(text).size;
  if (distinct <= Math.max(3, Math.floor(text.length / 8))) return `it uses only ${distinct} different characters`;
  for (let period = 1; period <= text.length / 2; period++) {
    if (text.length % period === 0 && text.slice(0, period).repeat(text.length / period) === text) return 'it repeats one short pattern';
  }
  const lower = text.toLowerCase();
  // Short words turn up by chance in long random strings; only count them in short secrets.
  if (commonWords.some((w) => lower.includes(w) && (w.length >= 6 || text.length < 64))) return 'it contains a common word';
  if (/^[a-z]+$/i.test(text) && text.length < 32) return 'it is letters only, like a word or phrase';
  if (/^\d+$/.test(text)) return 'it is digits only';
  let runs = 0;
  for (let i = 1; i < text.length; i++) if (Math.abs(text.charCodeAt(i) - text.charCodeAt(i - 1)) === 1) runs++;
  if (runs >= text.length / 2) return 'it is mostly a keyboard or alphabet sequence';
  // Shannon entropy per character: random printable text gives about 5-6 bits.
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  if (bits < 3) return 'its characters are too predictable';
  return undefined;
}

export function measureSecret(file: SecretsFile, data: SecretData): SecretStrength | undefined {
  const payload = readSecretPayload(file, data);
  switch (data.format) {
    case 'quoted':
    case 'text':
      return { length: [...payload].length, encoded: false, weakness: weaknessOf(payload) };
    case 'hex': {
      const digits = payload.replace(/_/g, '');
      if (!/^[0-9a-f]*$/i.test(digits) || digits.length % 2 !== 0) return undefined;
      return { length: digits.length / 2, encoded: true, weakness: weaknessOf(digits.toLowerCase()) };
    }
    case 'base64': {
      if (!/^[A-Za-z0-9+/=]*$/.test(payload)) return undefined;
      return { length: Buffer.from(payload, 'base64').length, encoded: true, weakness: weaknessOf(payload) };
    }
    default:
      return undefined;
  }
}
