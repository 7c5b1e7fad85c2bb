import type { ConfRule } from '../rule';

/** Lines Libreswan's parser cannot read: the whole file fails to load. */
export const syntaxError: ConfRule = {
  meta: { id: 'syntax-error', description: 'A line Libreswan cannot parse; the whole file fails to load.', defaultSeverity: 'error', scope: 'conf' },
  check({ config, version }, report) {
    for (const file of config.loaded.files) {
      if (file.withheld) {
        // Never a word of the file itself: its lines hold secrets (the model kept no tree of it).
        const at = { line: file.withheld.line, character: 0 };
        report({
          file: file.path,
          range: { start: at, end: at },
          message: `this is an ipsec.secrets file, read here as ipsec.conf; ipsec-lint does not check it as ipsec.conf or quote it${file.withheld.parsesAsConf ? '' : ', and Libreswan cannot parse it as ipsec.conf'}`,
          rejectedByLibreswan: !file.withheld.parsesAsConf,
          ...(file.withheld.parsesAsConf ? { severity: 'warning' as const } : {}),
        });
        continue;
      }
      for (const error of file.conf.errors) {
        report({ file: file.path, range: error.range, message: error.message, rejectedByLibreswan: true });
      }
    }
    // 4.x's grammar only knows `X-key=value`; the bare `X-key` form came with 5.0.
    if (!version.startsWith('4.')) return;
    for (const assignments of config.assignments.values()) {
      for (const a of assignments) {
        if (a.meaning.kind === 'comment-key' && !a.line.equals) {
          report({
            file: a.file.path,
            range: a.line.key.range,
            message: `'${a.line.key.text}' needs '=' in Libreswan ${version}: write ${a.line.key.text}=`,
            rejectedByLibreswan: true,
          });
        }
      }
    }
  },
};
