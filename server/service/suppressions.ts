import type { ConfFile } from '../../grammar/conf/syntax-tree';
import type { LintDiagnostic, SeveritySetting } from '../rules/rule';
import { SUPPRESSION_DIRECTIVE, suppressionProblem } from '../rules/conf/suppression-problem';
import { knownRuleIds } from '../rules/catalogue';

/**
 * Inline suppressions, in the manner of ShellCheck's `# shellcheck disable=SC2086`:
 *
 *   leftid=@west   # ipsec-lint disable=left-right-id-syntax     (this line)
 *   # ipsec-lint disable=duplicate-key                           (the next line; before a
 *   conn west                                                     section header: the section)
 *   # ipsec-lint disable-file=crypto-policy-include-missing      (the whole file)
 *
 * Ids are comma-separated; `all` silences every rule. A directive names rules, never a
 * line number, so it survives edits and formatting (comments stay with their block).
 */
const directive = SUPPRESSION_DIRECTIVE;

interface Span {
  readonly from: number;
  readonly to: number;
  readonly ids: ReadonlySet<string>;
  /** The directive's own line and the range of its comment. */
  readonly line: number;
  readonly comment: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
}

/** The spans of lines each directive of a file covers (0-based, inclusive). */
export function suppressionSpans(conf: ConfFile): Span[] {
  const spans: Span[] = [];
  // Every directive spells the tool's name: a file without it (almost all) needs no walk of its lines.
  if (!conf.text.includes('ipsec-lint')) return spans;
  const lastLine = conf.lines.length - 1;
  conf.lines.forEach((line, i) => {
    const m = line.comment ? directive.exec(line.comment.text) : null;
    if (!m) return;
    const ids = new Set(m[2].split(',').filter((id) => id !== ''));
    const at = { line: i, comment: line.comment!.range };
    if (m[1] === 'disable-file') {
      spans.push({ from: 0, to: lastLine, ids, ...at });
      return;
    }
    if (line.kind !== 'comment') {
      spans.push({ from: i, to: i, ids, ...at });
      return;
    }
    // An own-line directive covers the next line that is not a comment or blank; before a
    // section header it covers the header and the section's body.
    let next = i + 1;
    while (next <= lastLine && (conf.lines[next].kind === 'comment' || conf.lines[next].kind === 'blank')) next++;
    if (next > lastLine) return;
    const target = conf.lines[next];
    if (target.kind === 'conn-header' || target.kind === 'setup-header') {
      let end = next + 1;
      while (end <= lastLine && !['conn-header', 'setup-header', 'include', 'version'].includes(conf.lines[end].kind)) end++;
      spans.push({ from: next, to: end - 1, ids, ...at });
    } else {
      spans.push({ from: next, to: next, ids, ...at });
    }
  });
  return spans;
}

/**
 * Drops the diagnostics that a directive in their own file silences. With the rule
 * severities, also reports (as suppression-problem) each directive id that silenced nothing,
 * as ESLint's --report-unused-disable-directives does: a stale directive would hide the next
 * real finding. Unknown ids are the rule's own finding, so they are left to it here.
 */
export function applySuppressions(diagnostics: readonly LintDiagnostic[], files: ReadonlyMap<string, ConfFile>, severities?: Readonly<Record<string, SeveritySetting>>): LintDiagnostic[] {
  const spansByFile = new Map<string, Span[]>();
  const spansOf = (path: string): Span[] => {
    let spans = spansByFile.get(path);
    if (!spans) {
      const conf = files.get(path);
      spans = conf ? suppressionSpans(conf) : [];
      spansByFile.set(path, spans);
    }
    return spans;
  };
  const used = new Set<string>();
  const kept = diagnostics.filter((d) => {
    const line = d.range.start.line;
    let silenced = false;
    for (const s of spansOf(d.file)) {
      if (line < s.from || line > s.to) continue;
      const id = s.ids.has(d.ruleId) ? d.ruleId : s.ids.has('all') ? 'all' : undefined;
      if (id === undefined) continue;
      used.add(`${d.file}|${s.line}|${id}`);
      silenced = true;
    }
    return !silenced;
  });
  const setting = severities?.[suppressionProblem.meta.id];
  if (!severities || setting === 'off') return kept;
  const known = new Set(diagnostics.map((d) => d.ruleId));
  const ruleIds = knownRuleIds();
  for (const file of files.keys()) {
    for (const s of spansOf(file)) {
      for (const id of s.ids) {
        if (used.has(`${file}|${s.line}|${id}`)) continue;
        // Unknown ids are suppression-problem's own finding; a rule that is off silences nothing to begin with.
        if (id !== 'all' && !ruleIds.has(id)) continue;
        if (severities[id] === 'off' && !known.has(id)) continue;
        kept.push({
          file,
          range: s.comment,
          message: `'ipsec-lint disable=${id}' silences nothing here: no ${id === 'all' ? '' : `${id} `}finding on the line${s.from === s.to ? '' : 's'} it covers; remove it`,
          ruleId: suppressionProblem.meta.id,
          severity: setting ?? 'info',
          rejectedByLibreswan: false,
        });
      }
    }
  }
  return kept;
}
