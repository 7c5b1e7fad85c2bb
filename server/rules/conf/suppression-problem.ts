import { closestMatches } from '../../../grammar/edit-distance';
import type { ConfRule } from '../rule';

/** `# ipsec-lint disable=ID,ID` (this or the next line, or the section) and `disable-file=`; shared with server/service/suppressions.ts. */
export const SUPPRESSION_DIRECTIVE = /#\s*ipsec-lint\s+(disable|disable-file)=([\w,-]+)/;

/** Words a directive may name besides rule ids. */
const SPECIAL_IDS = ['all', 'not-checked'];

/**
 * The ids rules may be silenced by, read when a check runs: the registry imports this rule,
 * so the list of rules cannot be read while the module loads.
 */
let knownIds: (() => ReadonlySet<string>) | undefined;
export function setKnownRuleIds(ids: () => ReadonlySet<string>): void {
  knownIds = ids;
}

/**
 * A suppression comment that names a rule no one has: it silences nothing, and the typo
 * hides that (its twin, a directive that silenced no finding, is reported where the
 * findings are filtered: server/service/suppressions.ts).
 */
export const suppressionProblem: ConfRule = {
  meta: {
    id: 'suppression-problem',
    description: 'An `# ipsec-lint disable=` comment that names an unknown rule, or silences nothing.',
    defaultSeverity: 'warning',
    scope: 'conf',
  },
  check({ config }, report) {
    const known = knownIds?.();
    if (!known) return;
    for (const file of config.loaded.files) {
      for (const line of file.conf.lines) {
        const m = line.comment ? SUPPRESSION_DIRECTIVE.exec(line.comment.text) : null;
        if (!m || !line.comment) continue;
        const idsStart = line.comment.range.start.character + m.index + m[0].length - m[2].length;
        let offset = 0;
        for (const id of m[2].split(',')) {
          const at = idsStart + offset;
          offset += id.length + 1;
          if (id === '' || known.has(id) || SPECIAL_IDS.includes(id)) continue;
          const [best] = closestMatches(id, known, 1);
          report({
            file: file.path,
            range: { start: { line: line.comment.range.start.line, character: at }, end: { line: line.comment.range.start.line, character: at + id.length } },
            message: `'${id}' is not a rule of ipsec-lint, so this directive silences nothing${best ? `; did you mean '${best}'?` : ''}`,
            rejectedByLibreswan: false,
            ...(best ? { fixes: [{ title: `Write '${best}'`, edits: [{ file: file.path, range: { start: { line: line.comment.range.start.line, character: at }, end: { line: line.comment.range.start.line, character: at + id.length } }, newText: best }] }] } : {}),
          });
        }
      }
    }
  },
};
