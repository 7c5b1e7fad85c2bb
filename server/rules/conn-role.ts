import type { ResolvedConfig, ResolvedConn } from '../model/connections';
import type { LibreswanVersion } from '../../schemas/keywords';
import { connAddFacts, loadedAutoValues, negotiationlessTypes } from '../../schemas/conn-facts';

/*
 * Whether a conn is one Libreswan adds (so a refusal of it is real), or a building block
 * other conns are made of. A building block has no auto= and is pulled in by another conn's
 * also=, or has no auto= and lacks an end: an `ipsec add` of it is the user's mistake, not
 * the file's.
 */

const alsoTargetsOf = new WeakMap<ResolvedConfig, ReadonlySet<string>>();

/** Names other conns pull in with `also=`. */
export function alsoTargets(config: ResolvedConfig): ReadonlySet<string> {
  let targets = alsoTargetsOf.get(config);
  if (!targets) {
    const found = new Set<string>();
    for (const [placed, list] of config.assignments) {
      if (placed.section.kind !== 'conn') continue;
      for (const a of list) if (a.meaning.kind === 'known' && a.meaning.storageKey === 'also') found.add(a.value.trim());
    }
    targets = found;
    alsoTargetsOf.set(config, targets);
  }
  return targets;
}

function hasEnd(conn: ResolvedConn, side: 'left' | 'right'): boolean {
  return (conn.settings.get(side)?.value.trim() ?? '') !== '';
}

export function isBuildingBlock(config: ResolvedConfig, conn: ResolvedConn): boolean {
  const auto = conn.settings.get('auto');
  const ownAuto = auto !== undefined && auto.via === 'conn';
  if (!ownAuto && alsoTargets(config).has(conn.name)) return true;
  return auto === undefined && (!hasEnd(conn, 'left') || !hasEnd(conn, 'right'));
}

function loadedOnStart(conn: ResolvedConn): boolean {
  const auto = conn.settings.get('auto')?.value.trim().toLowerCase();
  return auto !== undefined && loadedAutoValues.has(auto);
}

/** Whether Libreswan of `version` refuses this conn when a conn-level check fails (see ConnAddFacts.refusalsJudge). */
export function refusedWhenAdded(config: ResolvedConfig, version: LibreswanVersion, conn: ResolvedConn): boolean {
  return connAddFacts[version].refusalsJudge === 'loaded-conns' ? loadedOnStart(conn) : !isBuildingBlock(config, conn);
}

/** type=passthrough/drop/reject: a shunt that never negotiates. */
export function isNeverNegotiate(conn: ResolvedConn): boolean {
  const type = conn.settings.get('type')?.value.trim().toLowerCase();
  return type !== undefined && negotiationlessTypes.has(type);
}

/**
 * Whether pluto of `version` skips this conn's value of `storageKey` unread because the conn
 * never negotiates (ConnAddFacts.neverNegotiateReads): a malformed value then refuses nothing.
 */
export function unreadOnShunt(version: LibreswanVersion, conn: ResolvedConn, storageKey: string): boolean {
  const reads = connAddFacts[version].neverNegotiateReads;
  if (reads === undefined || !isNeverNegotiate(conn)) return false;
  return !reads.has(storageKey.replace(/^(left|right)/, ''));
}

const YES_WORDS = new Set(['yes', 'y', 'true', 'on', '1']);

/**
 * Whether pluto of `version` reads this conn's value of `storageKey` at all: not on a shunt
 * that skips it (unreadOnShunt), nor where it is read only beside another key set to yes
 * (ConnAddFacts.readOnlyWhenYes) and that key is not.
 */
export function readWhenAdded(version: LibreswanVersion, conn: ResolvedConn, storageKey: string): boolean {
  if (unreadOnShunt(version, conn, storageKey)) return false;
  const gate = connAddFacts[version].readOnlyWhenYes?.[storageKey];
  return gate === undefined || YES_WORDS.has(conn.settings.get(gate)?.value.trim().toLowerCase() ?? '');
}
