/**
 * `alg[+alg...]` for the non-encryption slots, shared by both parser
 * generations.
 */
import { emptyDiagnostic } from './encrypt';
import { lookupAlgorithm, TYPE_LABEL } from './lookup';
import type { ProposalState } from './state';
import type { TermCursor } from './terms';
import { slotAlgorithmType, type TransformSlot } from './types';

/** Resolves the current term for a slot and consumes it. */
export function parseOne(state: ProposalState, cursor: TermCursor, slot: TransformSlot): boolean {
  const type = slotAlgorithmType(slot);
  const term = cursor.current;
  if (term === undefined || term.text === '') {
    const at = term ?? cursor.previous ?? { start: state.span.end, end: state.span.end };
    return state.fail(emptyDiagnostic(TYPE_LABEL[type], { start: at.start, end: at.end }));
  }
  const span = { start: term.start, end: term.end };
  const found = lookupAlgorithm(type, term.text, span, state.options);
  if (found.error) return state.fail(found.error);
  state.append(slot, found.algorithm, 0, { text: term.text, ...span });
  cursor.advance();
  return true;
}

/** One algorithm, then more while the delimiter before the current term is '+'. */
export function parseAlternatives(state: ProposalState, cursor: TermCursor, slot: TransformSlot): boolean {
  if (!parseOne(state, cursor, slot)) return false;
  while (cursor.previousDelim === '+') {
    if (!parseOne(state, cursor, slot)) return false;
  }
  return true;
}
