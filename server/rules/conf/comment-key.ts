import type { ConfRule } from '../rule';

/** `X-…`/`x_…` keys: Libreswan's way to keep a note in a conn; 5.x warns that it ignores them. */
export const commentKey: ConfRule = {
  meta: { id: 'comment-key', description: "An X-/x_ style comment key, which Libreswan ignores (5.x with a warning).", defaultSeverity: 'info', scope: 'conf', perSection: true },
  check({ config, version, sections = config.assignments }, report) {
    // 4.x stores them as comments without a word; the syntax-error rule covers its stricter form.
    if (version.startsWith('4.')) return;
    for (const assignments of sections.values()) {
      for (const a of assignments) {
        if (a.meaning.kind !== 'comment-key') continue;
        report({ file: a.file.path, range: a.line.key.range, message: `'${a.line.key.text}' is an X- style comment key: Libreswan ${version} ignores it (use a # comment instead)`, rejectedByLibreswan: false });
      }
    }
  },
};
