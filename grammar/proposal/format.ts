/**
 * Prints an expanded proposal the way `ipsec algparse` does, so expansions can
 * be compared with Libreswan's own output. Two layouts exist: releases up to
 * 5.3 print encrypt-integ-prf-dh and always show integrity 'NONE' for ESP
 * AEAD; 5.4 prints in transform order, omits integrity derived from the PRF
 * or implied by AEAD, and writes the typed slots as ';sn=' / ';addke1='.
 */
import type { RawTransform } from './state';
import { slotIndex } from './types';

function transformName(t: RawTransform): string {
  return t.keyLength !== 0 ? `${t.algorithm.name}_${t.keyLength}` : t.algorithm.name;
}

/** Whether each integrity algorithm is just the one derived from the matching PRF. */
function integMirrorsPrf(prf: readonly RawTransform[], integ: readonly RawTransform[]): boolean {
  return prf.length === integ.length && prf.every((p, i) => integ[i].algorithm.prf === p.algorithm.name);
}

export function formatModern(transforms: readonly RawTransform[]): string {
  const of = (slot: string): RawTransform[] => transforms.filter((t) => t.slot === slot);
  const encrypt = of('encrypt');
  const integ = of('integ');
  const prf = of('prf');
  const onlyAead = encrypt.length > 0 && encrypt.every((t) => t.algorithm.aead === true);
  const onlyNone = integ.length === 1 && integ[0].algorithm.name === 'NONE';
  let skipInteg: boolean;
  if (onlyAead && onlyNone) skipInteg = true;
  else if (prf.length === 0 || integ.length === 0) skipInteg = false;
  else skipInteg = integMirrorsPrf(prf, integ);

  let text = '';
  let previous = -1;
  for (const t of transforms) {
    if (t.slot === 'integ' && skipInteg) continue;
    const index = slotIndex(t.slot);
    if (previous < index && index <= slotIndex('ke')) text += text === '' ? '' : '-';
    else if (previous === index) text += '+';
    else text += `${text === '' ? '' : ';'}${t.slot}=`;
    text += transformName(t);
    previous = index;
  }
  return text;
}

export function formatLegacy(transforms: readonly RawTransform[]): string {
  const of = (slot: string): RawTransform[] => transforms.filter((t) => t.slot === slot);
  const encrypt = of('encrypt');
  const integ = of('integ');
  const prf = of('prf');
  const aead = encrypt.length > 0 && encrypt.every((t) => t.algorithm.aead === true);
  const normal = encrypt.length > 0 && encrypt.every((t) => t.algorithm.aead !== true);
  const integIsNone = integ.every((t) => t.algorithm.name === 'NONE');
  let printInteg = prf.length === 0 || (aead && !integIsNone);
  if (!printInteg && normal) {
    const pairs = Math.max(prf.length, integ.length);
    for (let i = 0; i < pairs && !printInteg; i++) {
      printInteg = integ[i] === undefined || prf[i] === undefined || integ[i].algorithm.prf !== prf[i].algorithm.name;
    }
  }
  const groups = [encrypt, printInteg ? integ : [], prf, of('ke')].filter((g) => g.length > 0);
  return groups.map((g) => g.map(transformName).join('+')).join('-');
}
