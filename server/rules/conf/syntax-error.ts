import type { ConfRule } from '../rule';

/** Lines Libreswan's parser cannot read: the whole file fails to load. */
export const syntaxError: ConfRule = {
  meta: { id: 'syntax-error', description: 'A line Libreswan cannot parse; the whole file fails to load.', defaultSeverity: 'error', scope: 'conf' },
  check({ config, version }, report) {
    for (const file of config.loaded.files) {
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
