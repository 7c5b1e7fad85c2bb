/**
 * The mutable working state of one proposal while it is parsed: the raw
 * transforms in the order written, the tokens they came from, the first error
 * (Libreswan stops a proposal at its first error) and the warnings.
 */
import type { AlgorithmInfo } from '../../schemas/algorithms';
import type { AlgorithmToken, ProposalDiagnostic, ProposalOptions, Transform, TransformSlot } from './types';

export interface RawTransform extends Transform {
  /** The token it was written as; absent for defaults Libreswan fills in. */
  readonly token?: AlgorithmToken;
}

/** Which transform slots a protocol's positional syntax has. */
export interface ProtocolShape {
  readonly name: 'IKE' | 'ESP' | 'AH';
  readonly encrypt: boolean;
  readonly prf: boolean;
  readonly integ: boolean;
  readonly ke: boolean;
}

export class ProposalState {
  readonly transforms: RawTransform[] = [];
  /** Tokens that failed to resolve, kept so editors can still underline them. */
  readonly failedTokens: AlgorithmToken[] = [];
  readonly warnings: ProposalDiagnostic[] = [];
  error: ProposalDiagnostic | undefined;
  impaired = false;

  constructor(
    readonly options: ProposalOptions,
    readonly shape: ProtocolShape,
    readonly span: { readonly text: string; readonly start: number; readonly end: number },
  ) {}

  append(slot: TransformSlot, algorithm: AlgorithmInfo, keyLength: number, token?: { text: string; start: number; end: number }): void {
    // Plain literals with every property: spreads would give each token its own hidden class,
    // which made proposal-heavy configs several times slower to check.
    const written: AlgorithmToken | undefined = token && {
      text: token.text, start: token.start, end: token.end, slot, algorithm, canonicalName: algorithm.name, keyLength: keyLength !== 0 ? keyLength : undefined,
    };
    this.transforms.push({ slot, algorithm, keyLength, token: written });
  }

  truncate(length: number): void {
    this.transforms.length = length;
  }

  fail(diagnostic: ProposalDiagnostic): false {
    this.error ??= diagnostic;
    return false;
  }

  of(slot: TransformSlot): RawTransform[] {
    return this.transforms.filter((t) => t.slot === slot);
  }
}
