import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpus lives beside the project; tests skip (and say so) where it is absent. */
export const corpusDir = resolve(__dirname, '../../../shared/corpus');
export const corpusPresent = existsSync(join(corpusDir, 'MANIFEST.json'));

if (!corpusPresent) {
  console.warn(`[ipsec-lint tests] ${corpusDir} is absent: the corpus tests are skipped on this machine.`);
}

export interface ManifestEntry {
  readonly path: string;
  readonly kind: 'conf' | 'conf-empty' | 'conf-comment-only' | 'secrets' | 'secrets-empty';
  readonly size: number;
}

export function manifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(join(corpusDir, 'MANIFEST.json'), 'utf8')) as ManifestEntry[];
}

export interface Verdict {
  readonly file: string;
  readonly ok: boolean;
  readonly messages: readonly string[];
}

export function verdicts410(): Verdict[] {
  return readFileSync(join(corpusDir, 'VERDICTS-libreswan-4.10.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Verdict);
}
