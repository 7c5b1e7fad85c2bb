import type { SecretsRule } from '../rule';

/** ipsec.secrets (or a file it includes) that users other than root can read. */
export const secretsFileMode: SecretsRule = {
  meta: { id: 'secrets-file-mode', description: 'A secrets file readable or writable by its group or by others.', defaultSeverity: 'warning', scope: 'secrets' },
  check({ secrets, checkFileModes }, report) {
    if (!checkFileModes) return;
    for (const file of secrets.files) {
      if (file.mode === undefined || (file.mode & 0o077) === 0) continue;
      const mode = (file.mode & 0o777).toString(8).padStart(4, '0');
      report({
        file: file.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `This secrets file has mode ${mode}: its group or other users can ${file.mode & 0o044 ? 'read' : 'change'} the keys in it. Run 'chmod 600 ${file.path}' (owner root)`,
        rejectedByLibreswan: false,
      });
    }
  },
};
