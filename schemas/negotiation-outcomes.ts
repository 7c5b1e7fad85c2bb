/*
 * What two Libreswan 5.x plutos log when a negotiation stops at a given mismatch, per IKE
 * version: the stage it stops at and the notification the peers exchange. Read from
 * programs/pluto (ikev2_parent.c, ikev2_child.c, ikev1_main.c, ikev1_quick.c) and measured
 * with ../shared/oracle/libreswan-negotiate (test/pair/oracle-negotiate.test.ts checks them
 * live). `timeout`: the peer stays silent and the initiator retransmits until it gives up;
 * `none`: the end that detects it gives up without a notification.
 */

export type NegotiationNotification = 'NO_PROPOSAL_CHOSEN' | 'TS_UNACCEPTABLE' | 'AUTHENTICATION_FAILED' | 'INVALID_ID_INFORMATION' | 'timeout' | 'none';

export type NegotiationStage = 'cannot-add' | 'unreachable' | 'ike-refused' | 'child-refused' | 'rekey';

export type Mismatch =
  /** The initiator's conn cannot be added, so it never starts. */
  | 'initiator-cannot-add'
  /** The responder's conn cannot be added: it has no conn for the initiator. */
  | 'responder-cannot-add'
  /** The initiator's peer address is not where the responder is. */
  | 'initiator-points-elsewhere'
  /** The responder has no conn whose peer is the initiator's address. */
  | 'responder-expects-elsewhere'
  /** IKEv1 initiator, IKEv2-only responder: 5.x drops IKEv1 packets unless ikev1-policy=accept. */
  | 'initiator-ikev1-responder-ikev2'
  | 'initiator-ikev2-responder-ikev1'
  | 'ike-proposal'
  | 'responder-insists-ppk'
  | 'initiator-insists-ppk'
  | 'auth-method'
  /** The responder expects another id of the initiator. */
  | 'responder-expects-id'
  /** The initiator expects another id of the responder: an IKEv2 initiator deletes the IKE SA without a word. */
  | 'initiator-expects-id'
  | 'public-key'
  /** The two PSKs differ: an IKEv1 responder cannot decrypt the ID payload and stays silent. */
  | 'psk-differs'
  /** No PSK for the ids: IKEv1 Main Mode needs the key to pick a proposal, so it refuses the first exchange. */
  | 'initiator-psk-missing'
  | 'responder-psk-missing'
  | 'ppk-differs'
  /** ppk=insist on the initiator, which holds no PPKS record for the ids: it gives up before IKE_AUTH. */
  | 'initiator-ppk-missing'
  /** ppk=insist on the responder, which holds no PPKS record: it refuses the AUTH payload. */
  | 'responder-ppk-missing'
  | 'child-proposal'
  | 'traffic-selectors'
  /** IKEv1 Quick Mode: one end asks for PFS, the other refuses it. */
  | 'pfs'
  /** IKEv2: the Child SA made in IKE_AUTH has no key exchange, so only a rekey finds a PFS or DH mismatch. */
  | 'child-key-exchange'
  /** The initiator asks for tunnel mode, the responder allows transport only. */
  | 'responder-transport-only'
  /** The initiator asks for transport mode, the responder allows tunnel: the responder answers with tunnel mode. */
  | 'initiator-transport-only';

export interface MismatchOutcome {
  readonly stage: NegotiationStage;
  readonly ikev1: NegotiationNotification | 'up';
  readonly ikev2: NegotiationNotification | 'up';
}

export const mismatchOutcomes: Readonly<Record<Mismatch, MismatchOutcome>> = {
  'initiator-cannot-add': { stage: 'cannot-add', ikev1: 'none', ikev2: 'none' },
  'responder-cannot-add': { stage: 'cannot-add', ikev1: 'timeout', ikev2: 'NO_PROPOSAL_CHOSEN' },
  'initiator-points-elsewhere': { stage: 'unreachable', ikev1: 'timeout', ikev2: 'timeout' },
  'responder-expects-elsewhere': { stage: 'unreachable', ikev1: 'timeout', ikev2: 'NO_PROPOSAL_CHOSEN' },
  'initiator-ikev1-responder-ikev2': { stage: 'ike-refused', ikev1: 'timeout', ikev2: 'timeout' },
  'initiator-ikev2-responder-ikev1': { stage: 'ike-refused', ikev1: 'NO_PROPOSAL_CHOSEN', ikev2: 'NO_PROPOSAL_CHOSEN' },
  'ike-proposal': { stage: 'ike-refused', ikev1: 'NO_PROPOSAL_CHOSEN', ikev2: 'NO_PROPOSAL_CHOSEN' },
  'responder-insists-ppk': { stage: 'ike-refused', ikev1: 'NO_PROPOSAL_CHOSEN', ikev2: 'NO_PROPOSAL_CHOSEN' },
  'initiator-insists-ppk': { stage: 'ike-refused', ikev1: 'none', ikev2: 'none' },
  'auth-method': { stage: 'ike-refused', ikev1: 'NO_PROPOSAL_CHOSEN', ikev2: 'AUTHENTICATION_FAILED' },
  'responder-expects-id': { stage: 'ike-refused', ikev1: 'INVALID_ID_INFORMATION', ikev2: 'AUTHENTICATION_FAILED' },
  'initiator-expects-id': { stage: 'ike-refused', ikev1: 'INVALID_ID_INFORMATION', ikev2: 'none' },
  'public-key': { stage: 'ike-refused', ikev1: 'AUTHENTICATION_FAILED', ikev2: 'AUTHENTICATION_FAILED' },
  'psk-differs': { stage: 'ike-refused', ikev1: 'timeout', ikev2: 'AUTHENTICATION_FAILED' },
  'initiator-psk-missing': { stage: 'ike-refused', ikev1: 'NO_PROPOSAL_CHOSEN', ikev2: 'none' },
  'responder-psk-missing': { stage: 'ike-refused', ikev1: 'NO_PROPOSAL_CHOSEN', ikev2: 'AUTHENTICATION_FAILED' },
  'ppk-differs': { stage: 'ike-refused', ikev1: 'AUTHENTICATION_FAILED', ikev2: 'AUTHENTICATION_FAILED' },
  'initiator-ppk-missing': { stage: 'ike-refused', ikev1: 'none', ikev2: 'none' },
  'responder-ppk-missing': { stage: 'ike-refused', ikev1: 'AUTHENTICATION_FAILED', ikev2: 'AUTHENTICATION_FAILED' },
  'child-proposal': { stage: 'child-refused', ikev1: 'NO_PROPOSAL_CHOSEN', ikev2: 'NO_PROPOSAL_CHOSEN' },
  'traffic-selectors': { stage: 'child-refused', ikev1: 'INVALID_ID_INFORMATION', ikev2: 'TS_UNACCEPTABLE' },
  pfs: { stage: 'child-refused', ikev1: 'NO_PROPOSAL_CHOSEN', ikev2: 'up' },
  'child-key-exchange': { stage: 'rekey', ikev1: 'up', ikev2: 'up' },
  'responder-transport-only': { stage: 'child-refused', ikev1: 'up', ikev2: 'NO_PROPOSAL_CHOSEN' },
  'initiator-transport-only': { stage: 'child-refused', ikev1: 'up', ikev2: 'up' },
};
