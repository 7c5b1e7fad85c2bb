import type { Assignment, ResolvedConn, Setting } from '../model/connections';
import type { Finding, RelatedLocation } from './rule';

/*
 * Where a finding about one conn is shown. A conn's author reads the conn's own section: a
 * value the conn inherits (`also=`, `conn %default`) is reported at the conn's header, with
 * the inherited line as related information, so that one conn's problem never shows only
 * inside another conn.
 */

type Source = Setting | Assignment;

function assignmentOf(s: Source): Assignment {
  return 'source' in s ? s.source : s;
}

/** Whether the value was written in the conn's own section. */
export function writtenInConn(conn: ResolvedConn, s: Source): boolean {
  return assignmentOf(s).placed === conn.placed;
}

/** The conn's `conn NAME` header. */
export function connHeaderRange(conn: ResolvedConn): Pick<Finding, 'file' | 'range'> {
  const section = conn.placed.section;
  return { file: conn.placed.file.path, range: section.kind === 'conn' ? section.header.name.range : section.header.range };
}

function inheritedFrom(a: Assignment): string {
  const section = a.placed.section;
  if (section.kind !== 'conn') return 'config setup';
  return section.name === '%default' ? 'conn %default' : `conn '${section.name}' (also=)`;
}

/** The inherited line, as related information. */
export function inheritedLine(s: Source, message?: string): RelatedLocation {
  const a = assignmentOf(s);
  return { file: a.file.path, range: a.line.value?.range ?? a.line.key.range, message: message ?? `${a.line.key.text}=${a.value}, inherited from ${inheritedFrom(a)}` };
}

/**
 * A finding about `conn` caused by `cause` (the key at fault): at the key when the conn
 * writes it itself, else at the conn's header with the inherited line as related information.
 */
export function connFinding(conn: ResolvedConn, cause: Source | undefined, finding: Omit<Finding, 'file' | 'range' | 'conn'> & Partial<Pick<Finding, 'file' | 'range'>>): Finding {
  if (cause === undefined) return { ...connHeaderRange(conn), ...finding, conn: conn.name };
  if (writtenInConn(conn, cause)) {
    const a = assignmentOf(cause);
    return { file: a.file.path, range: a.line.value?.range ?? a.line.key.range, ...finding, conn: conn.name };
  }
  const { file: _file, range: _range, ...rest } = finding;
  return { ...rest, ...connHeaderRange(conn), conn: conn.name, related: [inheritedLine(cause), ...(finding.related ?? [])] };
}

function sectionLines(conn: ResolvedConn): { readonly first: number; readonly last: number } {
  const s = conn.placed.section;
  const last = s.body.length > 0 ? s.body[s.body.length - 1].range.end.line : s.header.range.end.line;
  return { first: s.header.range.start.line, last };
}

/**
 * Moves a finding that names a conn but points into another section (a line the conn
 * inherits) to the conn's header, keeping the line it pointed at as related information.
 */
export function placeInConn(conns: ReadonlyMap<string, ResolvedConn>, finding: Finding): Finding {
  if (finding.conn === undefined) return finding;
  const conn = conns.get(finding.conn);
  if (!conn) return finding;
  const { first, last } = sectionLines(conn);
  const inside = finding.file === conn.placed.file.path && finding.range.start.line >= first && finding.range.start.line <= last;
  if (inside) return finding;
  return {
    ...finding,
    ...connHeaderRange(conn),
    related: [{ file: finding.file, range: finding.range, message: `the line conn '${conn.name}' inherits (also= or conn %default)` }, ...(finding.related ?? [])],
  };
}
