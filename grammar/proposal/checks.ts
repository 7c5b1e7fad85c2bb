/**
 * Whole-proposal and whole-list checks shared by every parser generation:
 * AEAD versus integrity, required transforms per protocol, duplicates, and the
 * ESP/AH key exchange (PFS group) rules.
 */
import { error, warning, type Span } from './lookup';
import type { RawTransform, ProtocolShape } from './state';
import { slotIndex, type ProposalDiagnostic, type ProposalOptions, type TransformSlot } from './types';

const isNone = (t: RawTransform): boolean => t.algorithm.name === 'NONE';

export function allEncryptAead(transforms: readonly RawTransform[]): boolean {
  const encrypt = transforms.filter((t) => t.slot === 'encrypt');
  return encrypt.length > 0 && encrypt.every((t) => t.algorithm.aead === true);
}

export function allEncryptNormal(transforms: readonly RawTransform[]): boolean {
  const encrypt = transforms.filter((t) => t.slot === 'encrypt');
  return encrypt.length > 0 && encrypt.every((t) => t.algorithm.aead !== true);
}

/** True when there is no integrity, or every integrity algorithm is NONE. */
export function integNone(transforms: readonly RawTransform[]): boolean {
  return transforms.filter((t) => t.slot === 'integ').every(isNone);
}

function aeadCheck(transforms: readonly RawTransform[], shape: ProtocolShape, span: Span): ProposalDiagnostic | undefined {
  const encrypt = transforms.filter((t) => t.slot === 'encrypt');
  if (encrypt.length === 0) return undefined;
  const aead = allEncryptAead(transforms);
  const normal = allEncryptNormal(transforms);
  if (!aead && !normal) {
    return error('aead-mixed', `An ${shape.name} proposal cannot mix AEAD ciphers (such as AES_GCM) with plain ones; put them in separate proposals, separated by ','.`, span);
  }
  const none = integNone(transforms);
  if (aead && !none) {
    return error('aead-needs-none', `${encrypt[0].algorithm.name} is an AEAD cipher and brings its own integrity; drop the integrity algorithm (or write 'none').`, span);
  }
  if (normal && none) {
    return error('integ-none-not-allowed', `${encrypt[0].algorithm.name} is not an AEAD cipher, so it needs a real integrity algorithm, not 'none'.`, span);
  }
  return undefined;
}

function missing(shape: ProtocolShape, what: string, span: Span): ProposalDiagnostic {
  return error('missing-transform', `This ${shape.name} proposal has no ${what}; add one.`, span);
}

/** The per-protocol validity checks Libreswan runs on a complete proposal. */
export function protocolCheck(transforms: readonly RawTransform[], shape: ProtocolShape, span: Span): ProposalDiagnostic | undefined {
  const has = (slot: TransformSlot): boolean => transforms.some((t) => t.slot === slot);
  if (shape.name === 'AH') {
    if (!has('integ')) return missing(shape, 'integrity algorithm', span);
    if (transforms.some((t) => t.slot === 'integ' && isNone(t))) {
      return error('integ-none-not-allowed', `AH exists only to provide integrity, so 'none' cannot be its integrity algorithm; name a real one such as sha2_256.`, span);
    }
    return undefined;
  }
  const aead = aeadCheck(transforms, shape, span);
  if (aead) return aead;
  if (!has('encrypt')) return missing(shape, 'encryption algorithm', span);
  if (shape.name === 'IKE') {
    if (!has('prf')) return missing(shape, 'PRF', span);
    if (!has('integ')) return missing(shape, 'integrity algorithm', span);
    if (!has('ke')) return missing(shape, 'key exchange group', span);
    const none = transforms.find((t) => t.slot === 'ke' && isNone(t));
    if (none) {
      return error('ke-none-not-allowed', `The IKE SA always needs a key exchange; 'none' is not allowed here. Name a group such as dh19 or modp2048.`, none.token ?? span);
    }
    return undefined;
  }
  if (!has('integ')) return missing(shape, 'integrity algorithm', span);
  return undefined;
}

function sameTransform(earlier: RawTransform, later: RawTransform): boolean {
  // A key length of 0 offers every length, so a later explicit one adds nothing.
  return earlier.slot === later.slot && earlier.algorithm === later.algorithm
    && (earlier.keyLength === 0 || earlier.keyLength === later.keyLength);
}

/** Drops repeated transforms of a slot, warning for each, as Libreswan does. */
export function removeDuplicates(transforms: RawTransform[], slots: readonly TransformSlot[] | undefined, warnings: ProposalDiagnostic[], span: Span): void {
  const kept: RawTransform[] = [];
  for (const transform of transforms) {
    const inScope = slots === undefined || slots.includes(transform.slot);
    if (inScope && kept.some((k) => sameTransform(k, transform))) {
      const shown = transform.keyLength ? `${transform.algorithm.name}_${transform.keyLength}` : transform.algorithm.name;
      warnings.push(warning('duplicate', `${shown} is listed twice in this proposal; the repeat is ignored and can be removed.`, transform.token ?? span));
      continue;
    }
    kept.push(transform);
  }
  transforms.splice(0, transforms.length, ...kept);
}

export function dropKeWithoutPfs(transforms: RawTransform[], warnings: ProposalDiagnostic[], span: Span): void {
  const ke = transforms.filter((t) => t.slot === 'ke');
  if (ke.length === 0) return;
  const first = ke[0];
  const message = first.algorithm.name === 'NONE'
    ? `'none' as key exchange only restates pfs=no; it can be removed.`
    : `pfs=no, so this key exchange (${first.algorithm.name}) is ignored; set pfs=yes to use it, or remove it.`;
  warnings.push(warning('dh-without-pfs', message, first.token ?? span));
  transforms.splice(0, transforms.length, ...transforms.filter((t) => t.slot !== 'ke'));
}

export function sortBySlot(transforms: RawTransform[]): void {
  // Array.prototype.sort is stable, which keeps the written order within a slot.
  transforms.sort((a, b) => slotIndex(a.slot) - slotIndex(b.slot));
}

/** Whether a new proposal repeats an earlier one (Libreswan then drops it). */
export function sameProposal(earlier: readonly RawTransform[], later: readonly RawTransform[]): boolean {
  if (earlier.length !== later.length) return false;
  return earlier.every((e, i) => {
    const l = later[i];
    if (e.algorithm !== l.algorithm) return false;
    return !(e.slot === 'encrypt' && e.keyLength !== 0 && e.keyLength !== l.keyLength);
  });
}

/**
 * ESP/AH: either every proposal names a key exchange or none does, and they
 * must all name the same one (a Child SA negotiates a single group).
 */
export function keListCheck(proposals: readonly (readonly RawTransform[])[], options: ProposalOptions, span: Span): ProposalDiagnostic | undefined {
  let withoutKe = false;
  let withKe = false;
  const distinct: string[] = [];
  for (const proposal of proposals) {
    const ke = proposal.find((t) => t.slot === 'ke');
    if (ke === undefined) { withoutKe = true; continue; }
    withKe = true;
    if (ke.algorithm.name !== 'NONE' && !distinct.includes(ke.algorithm.name)) distinct.push(ke.algorithm.name);
  }
  if (!withKe) return undefined;
  if (withoutKe) {
    return error('ke-inconsistent', `Some ${options.protocol.toUpperCase()} proposals name a key exchange and some do not; give every proposal the same ';group' or none.`, span);
  }
  if (distinct.length > 1) {
    const why = options.ikeVersion === 1 ? 'IKEv1 quick mode negotiates a single PFS group' : 'Libreswan cannot renegotiate the group of a Child SA';
    return error('ke-multiple', `The ${options.protocol.toUpperCase()} proposals name different key exchanges (${distinct[0]}, ${distinct[1]}), but ${why}; use one group in all of them.`, span);
  }
  return undefined;
}
