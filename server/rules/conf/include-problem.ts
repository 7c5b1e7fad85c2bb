import type { IncludeBudget } from '../../model/include-graph';
import type { ConfRule } from '../rule';

const budgetNames: Readonly<Record<IncludeBudget, string>> = {
  files: 'files read',
  expansions: 'files walked (a loop re-reads the same files)',
  sections: 'sections placed',
  bytes: 'bytes read',
};

/** Includes that find nothing, loop, go too deep, cannot be read, or depend on the working directory. */
export const includeProblem: ConfRule = {
  meta: { id: 'include-problem', description: 'An include that is missing, matches nothing, loops, nests too deeply, or is relative.', defaultSeverity: 'warning', scope: 'conf' },
  check({ config, behaviour, version }, report) {
    for (const edge of config.loaded.includes) {
      const file = edge.from.path;
      const range = edge.line.path.range;
      // A loop is reported as a loop; the depth limit it runs into is part of that story.
      const looped = edge.problems.some((p) => p.kind === 'cycle');
      for (const p of edge.problems) {
        if (looped && p.kind === 'too-deep') continue;
        switch (p.kind) {
          case 'missing':
            report({ file, range, message: `include ${edge.line.path.text}: ${p.target} does not exist; Libreswan warns and carries on without it`, rejectedByLibreswan: false });
            break;
          case 'no-match':
            report({ file, range, message: `include ${edge.line.path.text}: the pattern matches no file (${p.pattern})`, rejectedByLibreswan: false, severity: 'info' });
            break;
          case 'unreadable': {
            // Our own refusals (a file outside --root, too big, or not a regular file) say
            // nothing about what Libreswan would do with it on the host.
            const ours = p.reason === 'outside-root' || p.reason === 'too-large' || p.reason === 'not-regular';
            report({
              file,
              range,
              message: `include ${edge.line.path.text}: ${p.target}: ${p.message}${ours ? '; ipsec-lint does not check it' : ''}`,
              rejectedByLibreswan: !ours,
              severity: ours ? 'warning' : 'error',
            });
            break;
          }
          case 'budget':
            report({
              file,
              range,
              message: `include ${edge.line.path.text}: stopped following includes here, past ${p.value.toLocaleString('en-US')} ${budgetNames[p.limit]}; Libreswan has no such limit and would read on, so what was not read is not checked`,
              rejectedByLibreswan: false,
              severity: 'warning',
            });
            break;
          case 'cycle':
            report({
              file,
              range,
              message: `include loop: ${p.chain.join(' -> ')}; Libreswan re-reads the files until it exceeds the nesting limit of 10${behaviour.includeTooDeepIsFatal ? ' and refuses the file' : ''}`,
              rejectedByLibreswan: behaviour.includeTooDeepIsFatal,
              severity: 'error',
            });
            break;
          case 'too-deep':
            report({ file, range, message: `include ${edge.line.path.text}: more than 10 levels of nested includes; Libreswan ${version} ${behaviour.includeTooDeepIsFatal ? 'refuses the file' : 'skips it'}`, rejectedByLibreswan: behaviour.includeTooDeepIsFatal, severity: 'error' });
            break;
          case 'relative':
            report({ file, range, message: `relative include: Libreswan resolves '${edge.line.path.text}' against its working directory, not this file's folder; use an absolute path`, rejectedByLibreswan: false });
            break;
        }
      }
    }
  },
};
