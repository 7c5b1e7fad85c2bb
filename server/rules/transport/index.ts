import type { ConfRule } from '../rule';
import { enableTcpWithoutListen } from './enable-tcp-without-listen';
import { nicOffloadUnsupported } from './nic-offload-unsupported';
import { tcpRemoteportWithoutEnableTcp } from './tcp-remoteport-without-enable-tcp';

/** How a conn's packets travel: IKE over TCP, and NIC offload of its ESP. */
export const transportRules: readonly ConfRule[] = [enableTcpWithoutListen, tcpRemoteportWithoutEnableTcp, nicOffloadUnsupported];
