import type { ConfRule } from '../rule';
import { leftRightAddresspool } from './addresspool';
import { leftRightAuthAsymmetric } from './auth-asymmetric';
import { leftRightAuthKeyMissing } from './auth-key-missing';
import { leftRightBothWildcard } from './both-wildcard';
import { leftRightCaSame } from './ca-same';
import { leftRightFamilyMismatch } from './family-mismatch';
import { leftRightIdSyntax } from './id-syntax';
import { leftRightMissingHost } from './missing-host';
import { leftRightModecfgRoles } from './modecfg-roles';
import { leftRightNullAuthId } from './null-auth-id';
import { leftRightSameHost } from './same-host';
import { leftRightSourceipOutsideSubnet } from './sourceip-outside-subnet';
import { leftRightSubnetAndSubnets } from './subnet-and-subnets';
import { leftRightSubnetHostBits } from './subnet-host-bits';
import { leftRightSubnetOverlap } from './subnet-overlap';
import { leftRightVirtualSubnetIkev2 } from './virtual-subnet-ikev2';

/** Per-conn consistency of the two ends: hosts, subnets, address families, roles, authentication, ids. */
export const leftRightRules: readonly ConfRule[] = [
  leftRightMissingHost,
  leftRightBothWildcard,
  leftRightSameHost,
  leftRightFamilyMismatch,
  leftRightSourceipOutsideSubnet,
  leftRightSubnetHostBits,
  leftRightSubnetOverlap,
  leftRightSubnetAndSubnets,
  leftRightVirtualSubnetIkev2,
  leftRightAddresspool,
  leftRightModecfgRoles,
  leftRightAuthKeyMissing,
  leftRightCaSame,
  leftRightNullAuthId,
  leftRightAuthAsymmetric,
  leftRightIdSyntax,
];
