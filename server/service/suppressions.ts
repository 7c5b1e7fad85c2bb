import type { ConfFile } from '../../grammar/conf/syntax-tree';
import type { LintDiagnostic } from '../rules/rule';

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
const directive = /#\s*ipsec-lint\s+(disable|disable-file)=([\w,-]+)/;

interface Span {
  readonly from: number;
  readonly to: number;
  readonly ids: ReadonlySet<string>;
}

/** The spans of lines each directive of a file covers (0-based, inclusive). */
export function suppressionSpans(conf: ConfFile): Span[] {
  const spans: Span[] = [];
  const lastLine = conf.lines.length - 1;
  conf.lines.forEach((line, i) => {
    const m = line.comment ? directive.exec(line.comment.text) : null;
    if (!m) return;
    const ids = new Set(m[2].split(',').filter((id) => id !== ''));
    if (m[1] === 'disable-file') {
      spans.push({ from: 0, to: lastLine, ids });
      return;
    }
    if (line.kind !== 'comment') {
      spans.push({ from: i, to: i, ids });
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
      spans.push({ from: next, to: end - 1, ids });
    } else {
      spans.push({ from: next, to: next, ids });
    }
  });
  return spans;
}

/** Drops the diagnostics that a directive in their own file silences. */
export function applySuppressions(diagnostics: readonly LintDiagnostic[], files: ReadonlyMap<string, ConfFile>): LintDiagnostic[] {
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
  return diagnostics.filter((d) => {
    const line = d.range.start.line;
    return !spansOf(d.file).some((s) => line >= s.from && line <= s.to && (s.ids.has(d.ruleId) || s.ids.has('all')));
  });
}
