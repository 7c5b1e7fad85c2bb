import type { ConfRule } from '../rule';
import { cryptoPolicyIncludeMissing } from './crypto-policy-include-missing';
import { cryptoPolicyOverride } from './crypto-policy-override';
import { fipsDisallowedAlgorithm } from './fips-disallowed-algorithm';
import { fipsPskTooShort } from './fips-psk-too-short';
import { invalidProposal } from './invalid-proposal';
import { weakerThanCryptoPolicy } from './weaker-than-crypto-policy';
import { weakAlgorithm } from './weak-algorithm';

/** The crypto rules (issue 3), in the order their findings are listed. */
export const cryptoRules: readonly ConfRule[] = [
  invalidProposal,
  fipsDisallowedAlgorithm,
  fipsPskTooShort,
  weakerThanCryptoPolicy,
  cryptoPolicyOverride,
  cryptoPolicyIncludeMissing,
  weakAlgorithm,
];
