import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret payloads planted in test/canary/fixtures/*\/ipsec.secrets, as written (base64
 * and hex text too). no-leak.test.ts runs them through every output path; other tests may
 * import this list and `leakedCanary` to check their own output.
 */
export const canaryDir = join(__dirname, 'fixtures');

export const CANARIES: readonly string[] = [
  'CnryPskMq7Tq2Wz9Lx4Rv8Ks3Ny6Mb1Hd5Gf0Ja2Pe7Uc9Xo4Zi6Sl3Wn8Qk1Vy5',
  'CnrySt4KqX',
  'Cnryqwertyuiqwertyuiqwertyui',
  '9c4e1f7a3b8d2e6f5a0c9b7d4e1f3a8c6b2d9e0f7a4c1b8d5e2f9a6c3b0d7e4f',
  'CnryXaR0dW4rr1qZ',
  'CnryUtQv8Lp3Kx7Wd',
  'CnryTgZx5Mw2Ro9Hf',
  'CnryNpBh6Tn4Yc8Ql',
  'CnryTdQz Jd7Fs2Wk9',
  'CnryBqPx3Gu8Lm5Rz',
  'CnryOvZq7Kw',
  'CnryPskEaXq9Zt3Hv7Nq2Lt9Rx4Ws8Ke1Ym6Ba5Fd0Zu2Jc7Gp9Oi4Tr3',
  '1d8b3f6e9a2c5d7f0b4e8a1c6d3f9b2e5a7c0d4f8b1e6a3c9d2f5b7e0a4c8d1f',
  // messy/: well-formed records in an untidy layout, for the formatter's paths.
  'CnryMsPk4Wq8Zr2Lt6Xv9Nb3Hy7Jd5Fg1Kc0Pe8Ua4Ti2Ox6Sm9Rl3Vw7Qz5Yh',
  'Q25yeU1wUGsySHc1WnIzTHg3VHY5TmI0',
  'CnryMxAu7Rt3Wq',
  '5f3a9c1e7b2d8f4a6c0e9b3d7f1a5c8e2b6d0f4a9c3e7b1d5f8a2c6e0b4d9f3a',
];

/** The fixture hosts: west and east (a pair, west full of broken records), messy (untidy but valid). */
export const CANARY_HOSTS: readonly string[] = ['west', 'east', 'messy'];

/** The marker every planted text secret starts with; nothing ipsec-lint says contains it. */
export const CANARY_MARKER = 'Cnry';

const WINDOW = 8;

/** A canary, or an 8-character piece of one, found in `output`; undefined when none leaked. */
export function leakedCanary(output: string): string | undefined {
  if (output.includes(CANARY_MARKER)) return CANARY_MARKER;
  for (const canary of CANARIES) {
    for (let i = 0; i + WINDOW <= canary.length; i++) {
      const piece = canary.slice(i, i + WINDOW);
      if (output.includes(piece)) return piece;
    }
  }
  return undefined;
}

/** Every canary really is in the fixtures (so a test using them cannot pass vacuously). */
export function canariesPlanted(): boolean {
  const text = CANARY_HOSTS.map((h) => readFileSync(join(canaryDir, h, 'ipsec.secrets'), 'utf8')).join('\n');
  return CANARIES.every((c) => text.includes(c));
}
