/**
 * The sliver of Node's `Buffer` the service uses (`Buffer.from(text, 'utf8' | 'hex' |
 * 'base64')`, its `length`), injected by esbuild into the browser bundle only. It decodes as
 * leniently as Node does, so secret lengths and digests are the same in the page as in the CLI.
 */

const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Value = new Map<string, number>([...BASE64_DIGITS].map((c, i) => [c, i]));
// Node reads the URL-safe alphabet too.
base64Value.set('-', 62);
base64Value.set('_', 63);

function fromBase64(text: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let count = 0;
  for (const c of text) {
    // Node stops at padding and skips anything that is not a base64 digit.
    if (c === '=') break;
    const v = base64Value.get(c);
    if (v === undefined) continue;
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push((bits >> count) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

function fromHex(text: string): Uint8Array {
  const out: number[] = [];
  // Node stops at the first pair that is not two hex digits.
  for (let i = 0; i + 1 < text.length; i += 2) {
    const pair = text.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) break;
    out.push(parseInt(pair, 16));
  }
  return Uint8Array.from(out);
}

export type BufferEncoding = 'utf8' | 'utf-8' | 'hex' | 'base64';

export const Buffer = {
  from(text: string, encoding: BufferEncoding = 'utf8'): Uint8Array {
    switch (encoding) {
      case 'hex':
        return fromHex(text);
      case 'base64':
        return fromBase64(text);
      default:
        return new TextEncoder().encode(text);
    }
  },
};
