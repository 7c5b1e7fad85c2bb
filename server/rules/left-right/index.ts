import type { ConfRule } from '../rule';
import { leftRightAddresspool } from './addresspool';
import { leftRightAuthAsymmetric } from './auth-asymmetric';
import { leftRightAuthKeyMissing } from './auth-key-missing';
import { leftRightBothWildcard } from './both-wildcard';
import { leftRightCaSame } from './ca-same';
import { enableTcpWithoutListen } from './enable-tcp-without-listen';
import { leftRightFamilyMismatch } from './family-mismatch';
import { leftRightIdSyntax } from './id-syntax';
import { leftRightMissingHost } from './missing-host';
import { leftRightModecfgRoles } from './modecfg-roles';
import { nicOffloadUnsupported } from './nic-offload-unsupported';
import { leftRightNullAuthId } from './null-auth-id';
import { leftRightSameHost } from './same-host';
import { leftRightSourceipOutsideSubnet } from './sourceip-outside-subnet';
import { leftRightSubnetAndSubnets } from './subnet-and-subnets';
import { leftRightSubnetHostBits } from './subnet-host-bits';
import { leftRightSubnetOverlap } from './subnet-overlap';
import { tcpRemoteportWithoutEnableTcp } from './tcp-remoteport-without-enable-tcp';

/** Per-conn consistency of the two ends, and the transport options that depend on them. */
export const leftRightRules: readonly ConfRule[] = [
  leftRightMissingHost,
  leftRightBothWildcard,
  leftRightSameHost,
  leftRightFamilyMismatch,
  leftRightSourceipOutsideSubnet,
  leftRightSubnetHostBits,
  leftRightSubnetOverlap,
  leftRightSubnetAndSubnets,
  leftRightAddresspool,
  leftRightModecfgRoles,
  leftRightAuthKeyMissing,
  leftRightCaSame,
  leftRightNullAuthId,
  leftRightAuthAsymmetric,
  leftRightIdSyntax,
  enableTcpWithoutListen,
  tcpRemoteportWithoutEnableTcp,
  nicOffloadUnsupported,
];
