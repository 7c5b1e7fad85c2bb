import type { PolicyRule } from '../rule';
import { policyBadCidr } from './policy-bad-cidr';
import { policyHostInTwoGroups } from './policy-host-in-two-groups';

/** Rules over the policy group files of an ipsec.d/policies folder, read together. */
export const policyRules: readonly PolicyRule[] = [policyBadCidr, policyHostInTwoGroups];
