/**
 * Proposal syntax of Libreswan 5.4 and later: positional
 * `encrypt-prf-integ-ke` plus typed groups `;TYPE=alg+alg` (`;prf=`,
 * `;integ=`, `;ke=`, `;sn=`, `;addke1=` .. `;addke7=`).
 */
import { parseAlternatives } from './algorithms-list';
import { integNone } from './checks';
import { parseEncrypts } from './encrypt';
import { error, warning } from './lookup';
import type { ProposalState } from './state';
import { splitTerms, TermCursor } from './terms';
import { slotIndex, TRANSFORM_SLOTS, type TransformSlot } from './types';

const KE = slotIndex('ke');

/**
 * IKEv2 IKE: `encrypt-PRF[-INTEG]`, or the older `encrypt-INTEG-PRF`. A PRF
 * is tried first; a following token counts as INTEG only when it is not also
 * a PRF name (otherwise it is left for the KE slot, where it then fails).
 */
function parsePrfs(state: ProposalState, cursor: TermCursor): boolean {
  const start = cursor.save();
  const startLength = state.transforms.length;
  if (parseAlternatives(state, cursor, 'prf')) {
    if (!cursor.atEnd && cursor.previousDelim !== ';' && state.shape.integ) {
      const saved = cursor.save();
      const savedLength = state.transforms.length;
      if (parseAlternatives(state, cursor, 'integ') && !integNone(state.transforms)) {
        const afterInteg = cursor.save();
        const integLength = state.transforms.length;
        cursor.restore(saved);
        const alsoPrf = parseAlternatives(state, cursor, 'prf');
        state.error = undefined;
        state.truncate(integLength);
        cursor.restore(afterInteg);
        if (!alsoPrf) return true;
      }
      state.error = undefined;
      cursor.restore(saved);
      state.truncate(savedLength);
    }
    return true;
  }
  if (!state.shape.integ) return false;
  const prfError = state.error;
  state.error = undefined;
  cursor.restore(start);
  state.truncate(startLength);
  if (!parseAlternatives(state, cursor, 'integ')) {
    state.error = prfError;
    return false;
  }
  if (cursor.atEnd || cursor.previousDelim === ';') return true;
  if (!integNone(state.transforms)) {
    const first = state.transforms.find((t) => t.slot === 'integ');
    state.warnings.push(warning('wrong-order', `The integrity algorithm is written before the PRF; since Libreswan 5.4 the order is encrypt-prf-integ-ke, so swap them.`, first?.token ?? state.span));
  }
  return parseAlternatives(state, cursor, 'prf');
}

function parseSlot(state: ProposalState, cursor: TermCursor, slot: TransformSlot, explicit: boolean): boolean {
  const { shape } = state;
  switch (slot) {
    case 'encrypt':
      if (shape.encrypt) return parseEncrypts(state, cursor);
      break;
    case 'prf':
      if (shape.prf) return parsePrfs(state, cursor);
      break;
    case 'integ':
      if (shape.integ && (!shape.prf || explicit)) return parseAlternatives(state, cursor, 'integ');
      break;
    case 'ke':
      if (shape.ke) return parseAlternatives(state, cursor, 'ke');
      break;
    default:
      if (explicit) return parseAlternatives(state, cursor, slot);
  }
  if (explicit) {
    const typed = cursor.previous;
    const span = typed ? { start: typed.start, end: typed.end + 1 } : state.span;
    return state.fail(error('unexpected-transform-type', `${state.options.ikeVersion === 1 ? 'IKEv1 ' : ''}${shape.name} proposals have no '${typed?.text ?? slot}' transform; remove '${typed?.text ?? slot}=…'.`, span));
  }
  return true;
}

function typedSlot(name: string): TransformSlot | undefined {
  return TRANSFORM_SLOTS.find((slot) => slot === name.toLowerCase());
}

/** Parses one proposal (the text between commas) into `state`. */
export function parseModernProposal(state: ProposalState, text: string, offset: number): boolean {
  const cursor = new TermCursor(splitTerms(text, offset, '-;+='));
  let index = 0;
  while (!cursor.atEnd) {
    const term = cursor.current;
    if (term === undefined) break;
    let explicit: boolean;
    if (term.delim === '=') {
      const slot = typedSlot(term.text);
      const span = { start: term.start, end: term.end + 1 };
      if (slot === undefined) {
        return state.fail(error('unknown-transform-type', `'${term.text}=' is not a transform type; use encrypt=, prf=, integ=, ke=, sn= or addke1= to addke7=.`, span));
      }
      if (state.options.ikeVersion === 1 && slotIndex(slot) >= slotIndex('addke1')) {
        return state.fail(error('unexpected-transform-type', `IKEv1 has no additional key exchanges; remove '${term.text}=…' or use IKEv2.`, span));
      }
      if (slot === 'integ' && index <= slotIndex('prf') && state.shape.prf) {
        state.warnings.push(warning('wrong-order', `integ= is given before prf=; write the PRF first (encrypt-prf-integ-ke).`, span));
      }
      cursor.advance();
      index = slotIndex(slot);
      explicit = true;
    } else if (cursor.previousDelim === ';' && index <= KE) {
      index = KE;
      explicit = true;
    } else if (cursor.previousDelim !== ';' && index <= KE) {
      explicit = false;
    } else {
      const span = { start: term.start - (cursor.previousDelim === '' ? 0 : 1), end: term.end };
      return state.fail(error('unexpected-token', `'${cursor.previousDelim}${term.text}' is out of place: after the key exchange only ';TYPE=algorithms' groups may follow (for example ';addke1=ml_kem_768').`, span));
    }
    if (!parseSlot(state, cursor, TRANSFORM_SLOTS[index], explicit)) return false;
    index++;
  }
  return true;
}
