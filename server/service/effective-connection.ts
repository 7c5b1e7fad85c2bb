import { dirname, relative } from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';
import type { ConfFeatureContext } from './context';
import type { Setting } from '../model/connections';

/** What the "Show effective connection" command shows: a read-only ipsec.conf-style text. */
export interface EffectiveConnection {
  readonly name: string;
  readonly text: string;
}

/** The conn section whose header is at or above the position (the conn being edited). */
function connNameAt(context: ConfFeatureContext, pos: Position): string | undefined {
  let name: string | undefined;
  for (const section of context.conf.sections) {
    const start = section.header.range.start.line;
    if (start > pos.line) break;
    name = section.kind === 'conn' ? section.name : undefined;
  }
  return name;
}

function originOf(setting: Setting, entryDir: string): string {
  const { source } = setting;
  const file = relative(entryDir, source.file.path) || source.file.path;
  const place = `${file}:${source.line.line + 1}`;
  if (setting.via === 'default') return `${place}, conn %default`;
  if (setting.via === 'also' && source.placed.section.kind === 'conn') return `${place}, also=${source.placed.section.name}`;
  return place;
}

const quoted = (value: string): string => (/[\s#"]/.test(value) || value === '' ? `"${value.replace(/"/g, '\\"')}"` : value);

/**
 * The conn at the position as Libreswan resolves it (%default, also= chains, includes), one
 * `key=value` per line with the file and line each value came from. The values are the
 * conf's own (public keys at most): secrets live in ipsec.secrets and never appear here.
 */
export function effectiveConnection(context: ConfFeatureContext, pos: Position): EffectiveConnection | null {
  const name = connNameAt(context, pos);
  if (name === undefined || name === '%default') return null;
  const conn = context.analysis?.result.config.conns.find((c) => c.name === name);
  if (!conn) return null;
  const entryDir = dirname(context.analysis?.entry ?? context.path);
  const rows = [...conn.settings.values()].sort((a, b) => a.storageKey.localeCompare(b.storageKey));
  const assignments = rows.map((s) => `\t${s.storageKey}=${quoted(s.value)}`);
  const width = Math.max(0, ...assignments.map((a) => a.length));
  const lines = [
    `# conn ${name} as Libreswan ${context.settings.libreswanVersion} reads it (read-only view).`,
    `# Each value names the file and line it comes from (relative to ${entryDir}).`,
    `conn ${name}`,
    ...rows.map((s, i) => `${assignments[i].padEnd(width)}  # ${originOf(s, entryDir)}`),
  ];
  // The values shown are the ones met first, which is what 5.4's startup load sends.
  if (conn.refused) lines.push('', "# 'ipsec add' refuses this conn as written (see the diagnostics).");
  return { name, text: lines.join('\n') + '\n' };
}
