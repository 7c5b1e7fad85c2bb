/**
 * Reads the algorithms back out of a proposal expansion (`AES_GCM_16_256-HMAC_SHA2_512+
 * HMAC_SHA2_256-DH19`, as `ipsec algparse` prints it) so two lists can be compared: what a
 * conn's own ike= offers against what the crypto policy or the default would have offered.
 */
import { ALGORITHMS, type AlgorithmInfo, type AlgorithmType } from '../../schemas/algorithms';
import { strengthBits } from '../../schemas/algorithm-strength';

export interface OfferedAlgorithm {
  readonly algorithm: AlgorithmInfo;
  /** 0 when the expansion names no length. */
  readonly keyLength: number;
  /** As printed: `AES_CBC_256`, `DH19`. */
  readonly label: string;
}

const TYPE_ORDER: readonly AlgorithmType[] = ['encrypt', 'prf', 'integ', 'ke', 'sn'];
const byCanonical = new Map<string, AlgorithmInfo>();
for (const type of [...TYPE_ORDER].reverse()) {
  for (const a of ALGORITHMS) if (a.type === type) byCanonical.set(a.name, a);
}

function resolveLabel(label: string): OfferedAlgorithm | undefined {
  const exact = byCanonical.get(label);
  if (exact) return { algorithm: exact, keyLength: 0, label };
  const m = /^(.*)_(\d+)$/.exec(label);
  if (!m) return undefined;
  const base = byCanonical.get(m[1]);
  if (base?.type !== 'encrypt') return undefined;
  return { algorithm: base, keyLength: Number(m[2]), label };
}

/** Every distinct algorithm an expansion offers, in first-seen order. */
export function offeredAlgorithms(expansion: readonly string[]): OfferedAlgorithm[] {
  const out = new Map<string, OfferedAlgorithm>();
  for (const line of expansion) {
    for (const label of line.split(/[-+;=,\s]+/)) {
      if (label === '' || out.has(label)) continue;
      const offered = resolveLabel(label);
      // NONE (no integrity with an AEAD cipher, no DH) offers nothing to compare.
      if (offered && offered.algorithm.name !== 'NONE') out.set(label, offered);
    }
  }
  return [...out.values()];
}

/** The algorithm's approximate strength as offered (see schemas/algorithm-strength.ts). */
export function strengthOf(o: OfferedAlgorithm): number | undefined {
  return strengthBits(o.algorithm.name, o.algorithm.type, o.keyLength, o.algorithm.defaultKeyLength);
}

/** `A, B, C and 4 more`. */
export function labelList(labels: readonly string[], max = 6): string {
  if (labels.length <= max) return labels.join(', ');
  return `${labels.slice(0, max).join(', ')} and ${labels.length - max} more`;
}
