/**
 * Result types of the proposal parser (`ike=`, `esp=`, `ah=`, `phase2alg=`).
 * Offsets are 0-based UTF-16 offsets inside the keyword's value.
 */
import type { AlgorithmInfo, AlgorithmType, ProposalProtocol, IkeVersion } from '../../schemas/algorithms';
import type { LibreswanVersion } from '../../schemas/keywords';

export type { LibreswanVersion, ProposalProtocol, IkeVersion, AlgorithmType };

export interface ProposalOptions {
  readonly protocol: ProposalProtocol;
  readonly ikeVersion: IkeVersion;
  /** The connection's `pfs=`; without it an ESP/AH key exchange is dropped. */
  readonly pfs: boolean;
  readonly fips: boolean;
  readonly version: LibreswanVersion;
}

/** The slot a token fills: a transform type, or an additional key exchange (5.4+). */
export type TransformSlot = AlgorithmType | 'addke1' | 'addke2' | 'addke3' | 'addke4' | 'addke5' | 'addke6' | 'addke7';

export const TRANSFORM_SLOTS: readonly TransformSlot[] = [
  'encrypt', 'prf', 'integ', 'ke', 'sn', 'addke1', 'addke2', 'addke3', 'addke4', 'addke5', 'addke6', 'addke7',
];

export function slotIndex(slot: TransformSlot): number {
  return TRANSFORM_SLOTS.indexOf(slot);
}

/** The algorithm type a slot takes its names from. */
export function slotAlgorithmType(slot: TransformSlot): AlgorithmType {
  return slot.startsWith('addke') ? 'ke' : (slot as AlgorithmType);
}

export type ProposalDiagnosticCode =
  | 'empty'
  | 'unknown-algorithm'
  | 'not-supported'
  | 'not-in-version'
  | 'not-valid-for-protocol'
  | 'fips-disallowed'
  | 'bad-key-length'
  | 'wrong-order'
  | 'plus-in-ikev1'
  | 'ikev1-repeated-type'
  | 'unexpected-token'
  | 'unknown-transform-type'
  | 'unexpected-transform-type'
  | 'missing-transform'
  | 'aead-mixed'
  | 'aead-needs-none'
  | 'integ-none-not-allowed'
  | 'ke-none-not-allowed'
  | 'ke-inconsistent'
  | 'ke-multiple'
  | 'dh-without-pfs'
  | 'duplicate'
  | 'impaired';

export interface ProposalDiagnostic {
  readonly code: ProposalDiagnosticCode;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly severity: 'error' | 'warning';
}

/** One resolved transform: a token as written, or a default Libreswan filled in. */
export interface Transform {
  readonly slot: TransformSlot;
  readonly algorithm: AlgorithmInfo;
  /** 0 means "not given": Libreswan then offers each default length. */
  readonly keyLength: number;
}

/** An algorithm token as written in the value. */
export interface AlgorithmToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly slot: TransformSlot;
  /** Undefined when the name did not resolve (see the diagnostics). */
  readonly algorithm?: AlgorithmInfo;
  readonly canonicalName?: string;
  readonly keyLength?: number;
}

export interface ParsedProposal {
  /** The proposal's text and span (between commas). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly AlgorithmToken[];
}

export interface ProposalParseResult {
  /** True when Libreswan would load the value. */
  readonly ok: boolean;
  readonly proposals: readonly ParsedProposal[];
  /**
   * What Libreswan would offer, one line per proposal, spelled like
   * `ipsec algparse` prints it for that release (empty on error).
   */
  readonly expansion: readonly string[];
  readonly diagnostics: readonly ProposalDiagnostic[];
}
