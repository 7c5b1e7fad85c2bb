import type { ResolvedConn, Setting } from '../model/connections';
import type { PlacedSecret } from '../model/secrets-index';
import { connHeader } from '../rules/left-right/ends';
import type { PairLocation } from './findings';

export function settingAt(s: Setting): PairLocation {
  return { file: s.source.file.path, range: s.source.line.value?.range ?? s.source.line.key.range, text: `${s.source.line.key.text}=${s.value}` };
}

/** The line to change: the setting when it is written somewhere, else the conn's header. */
export function at(conn: ResolvedConn, key: string): PairLocation {
  const s = conn.settings.get(key);
  if (s) return settingAt(s);
  return { ...connHeader(conn), text: `conn ${conn.name} (${key}= not set: the default applies)` };
}

export function firstSet(conn: ResolvedConn, keys: readonly string[]): PairLocation {
  for (const k of keys) if (conn.settings.has(k)) return at(conn, k);
  return at(conn, keys[0]);
}

export function headerAt(conn: ResolvedConn): PairLocation {
  return { ...connHeader(conn), text: `conn ${conn.name}` };
}

/** A public-key line, shortened: the key is public, but hundreds of characters of it help nobody. */
export function keyAt(s: Setting): PairLocation {
  const value = s.value.replace(/\s+/g, '');
  return { ...settingAt(s), text: `${s.source.line.key.text}=${value.length > 24 ? `${value.slice(0, 24)}… (${value.length} characters)` : value}` };
}

export function secretAt(placed: PlacedSecret): PairLocation {
  // The record's selectors only: the secret itself stays out of every output.
  const selectors = placed.record.indices.map((i) => i.value).join(' ');
  return { file: placed.file.path, range: placed.record.range, text: `${selectors}${selectors ? ' ' : ''}: ${placed.record.kind.toUpperCase()} (secret not shown)` };
}
