import { relative } from 'node:path';
import type { ResolvedConn, Setting } from '../model/connections';
import type { LibreswanVersion } from '../../schemas/keywords';

/** Where a value entered the conn, for people: `ipsec.d/base.conf:12 (also=base)`. */
function originOf(setting: Setting, entryDir: string): string {
  const { source } = setting;
  const file = relative(entryDir, source.file.path) || source.file.path;
  const place = `${file}:${source.line.line + 1}`;
  if (setting.via === 'default') return `${place} (%default)`;
  if (setting.via === 'also' && source.placed.section.kind === 'conn') return `${place} (also=${source.placed.section.name})`;
  return place;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** One effective value of a conn and where it came from, for fronts that draw their own table. */
export interface EffectiveSettingRow {
  readonly key: string;
  readonly value: string;
  readonly from: string;
  readonly via: Setting['via'];
  /** The file and 0-based line of the assignment. */
  readonly file: string;
  readonly line: number;
}

function sortedSettings(conn: ResolvedConn): Setting[] {
  return [...conn.settings.values()].sort((a, b) => a.storageKey.localeCompare(b.storageKey));
}

/** A conn's effective settings in key order, each with its origin (the playground's table). */
export function effectiveSettingsRows(conn: ResolvedConn, entryDir: string): EffectiveSettingRow[] {
  return sortedSettings(conn).map((s) => ({ key: s.storageKey, value: s.value, from: originOf(s, entryDir), via: s.via, file: s.source.file.path, line: s.source.line.line }));
}

/** Markdown table of a conn's effective settings and where each value comes from. */
export function effectiveSettingsMarkdown(conn: ResolvedConn, entryDir: string, version: LibreswanVersion): string {
  const rows = sortedSettings(conn);
  const lines = [`**conn ${conn.name}** — effective settings in Libreswan ${version}`, ''];
  if (rows.length === 0) {
    lines.push('No settings.');
  } else {
    lines.push('| key | value | from |', '| --- | --- | --- |');
    for (const s of rows) lines.push(`| ${cell(s.storageKey)} | \`${cell(s.value)}\` | ${cell(originOf(s, entryDir))} |`);
  }
  if (conn.alsoSections.length > 0) {
    const names = conn.alsoSections.map((p) => (p.section.kind === 'conn' ? p.section.name : 'config setup'));
    lines.push('', `Pulls in: ${names.map((n) => `\`${n}\``).join(', ')}`);
  }
  if (conn.refused) {
    lines.push('', "`ipsec add` refuses this conn as written (see the diagnostics).");
  }
  return lines.join('\n');
}
