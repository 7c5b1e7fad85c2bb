import type { ConfRule } from '../rule';
import { invalidProposal } from './invalid-proposal';

/** The crypto rules (issue 3), in the order their findings are listed. */
export const cryptoRules: readonly ConfRule[] = [
  invalidProposal,
];
