// Typed view of algorithm-requirements.json: what RFC 8247 (IKEv2) and RFC 8221 (ESP, AH)
// say about the algorithms an implementation should avoid. Read by the weak-algorithm rule.

import data from './algorithm-requirements.json' with { type: 'json' };
import type { AlgorithmType, ProposalProtocol } from './algorithms';

export type RequirementLevel = 'MUST NOT' | 'SHOULD NOT' | 'MUST-';

export interface AlgorithmRequirement {
  readonly level: RequirementLevel;
  /** Why, in a few words. */
  readonly why: string;
  /** An algorithm the same RFC requires (MUST), as a proposal spells it. */
  readonly instead: string;
}

interface RequirementData {
  readonly documents: Readonly<Record<ProposalProtocol, { readonly rfc: string; readonly about: string }>>;
  readonly requirements: Readonly<Record<ProposalProtocol, Partial<Record<AlgorithmType, Readonly<Record<string, AlgorithmRequirement>>>>>>;
  readonly nullEncryption: { readonly rfc: string; readonly level: string; readonly why: string };
}

const table = data as unknown as RequirementData;

/** The RFC that governs a proposal of this protocol (`RFC 8247` for ike=). */
export function requirementDocument(protocol: ProposalProtocol): string {
  return table.documents[protocol].rfc;
}

/** The protocol whose RFC judges this kind of algorithm: key exchange (PFS groups too) is IKE's. */
export function governingProtocol(protocol: ProposalProtocol, type: AlgorithmType): ProposalProtocol {
  return type === 'ke' ? 'ike' : protocol;
}

/** What the governing RFC says about an algorithm (Libreswan's canonical name), when it says to avoid it. */
export function algorithmRequirement(protocol: ProposalProtocol, type: AlgorithmType, canonicalName: string): AlgorithmRequirement | undefined {
  return table.requirements[governingProtocol(protocol, type)][type]?.[canonicalName];
}

export const NULL_ENCRYPTION = table.nullEncryption;
