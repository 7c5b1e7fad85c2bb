/**
 * Proposal syntax of Libreswan 4.10 to 5.3. IKEv2 reads
 * `encrypt-PRF-ke` or `encrypt-INTEG[-PRF]-ke` with `+` alternatives and a
 * `;ke` shortcut; IKEv1 reads `encrypt-prf-ke` (IKE) or `encrypt-integ-ke`
 * (ESP/AH) with no `+` at all (a `+` stays inside the name and fails lookup).
 */
import { parseAlternatives, parseOne } from './algorithms-list';
import { removeDuplicates } from './checks';
import { parseEncrypt, parseEncrypts } from './encrypt';
import { error } from './lookup';
import type { ProposalState } from './state';
import { splitTerms, TermCursor } from './terms';
import type { TransformSlot } from './types';

function leftOver(state: ProposalState, cursor: TermCursor): boolean {
  const term = cursor.current;
  if (term === undefined) return true;
  return state.fail(error('unexpected-token', `'${term.text}' is left over: this ${state.shape.name} proposal already has every transform it takes; remove it or move it into its own proposal after a ','.`, term));
}

function dedupe(state: ProposalState, slot: TransformSlot): void {
  removeDuplicates(state.transforms, [slot], state.warnings, state.span);
}

export function parseLegacyIkev2Proposal(state: ProposalState, text: string, offset: number): boolean {
  const cursor = new TermCursor(splitTerms(text, offset, '-;+'));
  const { shape } = state;
  const has = (slot: TransformSlot): boolean => state.transforms.some((t) => t.slot === slot);
  if (shape.encrypt) {
    if (!parseEncrypts(state, cursor)) return false;
    dedupe(state, 'encrypt');
  }
  let prfError = undefined;
  if (shape.prf && !cursor.atEnd && cursor.previousDelim !== ';') {
    const mark = cursor.save();
    const length = state.transforms.length;
    if (parseAlternatives(state, cursor, 'prf')) {
      dedupe(state, 'prf');
    } else {
      prfError = state.error;
      state.error = undefined;
      cursor.restore(mark);
      state.truncate(length);
    }
  }
  if (shape.integ && !cursor.atEnd && cursor.previousDelim !== ';' && !has('prf')) {
    if (!parseAlternatives(state, cursor, 'integ')) {
      if (prfError) state.error = prfError;
      return false;
    }
    dedupe(state, 'integ');
  }
  if (shape.prf && !cursor.atEnd && cursor.previousDelim !== ';' && !has('prf')) {
    if (!parseAlternatives(state, cursor, 'prf')) return false;
    dedupe(state, 'prf');
  }
  if (shape.ke && !cursor.atEnd) {
    if (!parseAlternatives(state, cursor, 'ke')) return false;
    dedupe(state, 'ke');
  }
  return leftOver(state, cursor);
}

export function parseLegacyIkev1Proposal(state: ProposalState, text: string, offset: number): boolean {
  const cursor = new TermCursor(splitTerms(text, offset, '-;'));
  const { shape } = state;
  if (shape.encrypt && !cursor.atEnd && cursor.previousDelim !== ';') {
    if (!parseEncrypt(state, cursor)) return false;
  }
  if (shape.prf && !cursor.atEnd && cursor.previousDelim !== ';') {
    if (!parseOne(state, cursor, 'prf')) return false;
  }
  if (!shape.prf && shape.integ && !cursor.atEnd && cursor.previousDelim !== ';') {
    if (!parseOne(state, cursor, 'integ')) return false;
  }
  if (shape.ke && !cursor.atEnd) {
    if (!parseOne(state, cursor, 'ke')) return false;
  }
  return leftOver(state, cursor);
}
