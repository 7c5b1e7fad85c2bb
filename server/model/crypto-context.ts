/**
 * What a conn's crypto keywords mean together: its IKE version, PFS, which Child SA
 * proposal keyword Libreswan reads and with which parser, and which proposals it ignores.
 * The facts are data in schemas/connection-crypto.ts; this module only applies them.
 */
import type { IkeVersion, ProposalProtocol } from '../../schemas/algorithms';
import {
  AUTHBY_WITHOUT_IKE, CHILD_PROPOSAL_SELECTION, DEFAULT_IKE_VERSION, DEFAULT_PFS, IKEV2_VALUE_MEANING,
  KEYEXCHANGE_VALUE_MEANING, NEVER_NEGOTIATE_TYPES, PHASE2_VALUE_MEANING,
} from '../../schemas/connection-crypto';
import type { LibreswanVersion } from '../../schemas/keywords';
import type { ResolvedConn, Setting } from './connections';

const TRUE_WORDS = new Set(['y', 'yes', 'true', 'on', '1']);

/** A proposal keyword as one conn uses it. */
export interface ConnProposal {
  readonly setting: Setting;
  readonly protocol: ProposalProtocol;
  /** Why Libreswan skips this value for this conn (it is still worth checking). */
  readonly ignored?: string;
}

/** Two proposal keywords the conn cannot have together (5.3+). */
export interface ProposalClash {
  readonly kept: Setting;
  readonly clash: Setting;
  readonly message: string;
}

export interface ConnCrypto {
  readonly conn: ResolvedConn;
  readonly ikeVersion: IkeVersion;
  readonly pfs: boolean;
  /** The protocol the Child SA proposal is parsed as (ESP unless phase2=ah). */
  readonly childProtocol: 'esp' | 'ah';
  readonly neverNegotiate: boolean;
  /** `ike=` and the Child SA proposal Libreswan reads, when set. */
  readonly proposals: readonly ConnProposal[];
  readonly clashes: readonly ProposalClash[];
}

function lower(setting: Setting | undefined): string | undefined {
  return setting?.value.trim().toLowerCase();
}

/** The IKE version `keyexchange=` and `ikev2=` (values as written, or undefined) select. */
export function ikeVersionFrom(keyexchangeValue: string | undefined, ikev2Value: string | undefined): IkeVersion {
  const keyexchange = keyexchangeValue?.trim().toLowerCase();
  const meaning = keyexchange === undefined ? undefined : KEYEXCHANGE_VALUE_MEANING[keyexchange];
  if (meaning === 1 || meaning === 2) return meaning;
  const ikev2 = ikev2Value?.trim().toLowerCase();
  return (ikev2 === undefined ? undefined : IKEV2_VALUE_MEANING[ikev2]) ?? DEFAULT_IKE_VERSION;
}

/** The IKE version Libreswan builds the conn for. */
export function ikeVersionOf(settings: ReadonlyMap<string, Setting>): IkeVersion {
  return ikeVersionFrom(settings.get('keyexchange')?.value, settings.get('ikev2')?.value);
}

export function pfsFrom(value: string | undefined): boolean {
  return value === undefined ? DEFAULT_PFS : TRUE_WORDS.has(value.trim().toLowerCase());
}

export function pfsOf(settings: ReadonlyMap<string, Setting>): boolean {
  return pfsFrom(settings.get('pfs')?.value);
}

function describe(s: Setting): string {
  return `${s.source.line.key.text}=${s.value}`;
}

/** Which of esp=/ah=/phase2alg= the conn's Child SA takes, per release. */
function childProposal(
  settings: ReadonlyMap<string, Setting>,
  version: LibreswanVersion,
): { protocol: 'esp' | 'ah'; used?: Setting; skipped: Setting[]; clashes: ProposalClash[] } {
  const phase2Setting = lower(settings.get('phase2'));
  const phase2 = phase2Setting === undefined ? undefined : PHASE2_VALUE_MEANING[phase2Setting];
  const esp = settings.get('esp');
  const ah = settings.get('ah');
  const phase2alg = settings.get('phase2alg');
  const clashes: ProposalClash[] = [];
  switch (CHILD_PROPOSAL_SELECTION[version]) {
    case 'one-key':
      return { protocol: phase2 ?? 'esp', used: esp, skipped: [], clashes };
    case 'phase2alg-fallback': {
      if (phase2 === undefined) {
        const used = ah ?? esp ?? phase2alg;
        return { protocol: used === ah && ah ? 'ah' : 'esp', used, skipped: [esp, phase2alg].filter((s): s is Setting => s !== undefined && s !== used), clashes };
      }
      const own = phase2 === 'ah' ? ah : esp;
      const other = phase2 === 'ah' ? esp : ah;
      if (own && phase2alg) clashes.push({ kept: own, clash: phase2alg, message: `'${describe(own)}' conflicts with 'phase2alg=${phase2alg.value}'` });
      return { protocol: phase2, used: own ?? phase2alg, skipped: other ? [other] : [], clashes };
    }
    case 'strict': {
      const protocol = phase2 ?? (esp ? 'esp' : ah ? 'ah' : 'esp');
      const own = protocol === 'ah' ? ah : esp;
      const other = protocol === 'ah' ? esp : ah;
      if (other) {
        clashes.push({
          kept: own ?? other,
          clash: other,
          message: own ? `'${describe(own)}' conflicts with '${describe(other)}'` : `phase2=${protocol} conflicts with '${describe(other)}'`,
        });
      }
      if (own && phase2alg) clashes.push({ kept: own, clash: phase2alg, message: `'${describe(own)}' conflicts with 'phase2alg=${phase2alg.value}'` });
      return { protocol, used: own ?? phase2alg, skipped: [], clashes };
    }
  }
}

/** How one conn's crypto keywords combine, for the target release. */
export function connCrypto(conn: ResolvedConn, version: LibreswanVersion): ConnCrypto {
  const { settings } = conn;
  const type = lower(settings.get('type'));
  const neverNegotiate = type !== undefined && NEVER_NEGOTIATE_TYPES.includes(type);
  const authby = lower(settings.get('authby'));
  const child = childProposal(settings, version);
  const proposals: ConnProposal[] = [];
  const ike = settings.get('ike');
  if (ike) {
    const ignored = neverNegotiate ? `type=${type} never negotiates` : authby !== undefined && AUTHBY_WITHOUT_IKE.includes(authby) ? `authby=${authby} builds no IKE SA` : undefined;
    proposals.push({ setting: ike, protocol: 'ike', ignored });
  }
  if (child.used) proposals.push({ setting: child.used, protocol: child.protocol, ignored: neverNegotiate ? `type=${type} never negotiates` : undefined });
  for (const skipped of child.skipped) {
    proposals.push({ setting: skipped, protocol: skipped.storageKey === 'ah' ? 'ah' : 'esp', ignored: `phase2=${child.protocol} reads ${child.used?.storageKey ?? child.protocol}=` });
  }
  return { conn, ikeVersion: ikeVersionOf(settings), pfs: pfsOf(settings), childProtocol: child.protocol, neverNegotiate, proposals, clashes: child.clashes };
}
