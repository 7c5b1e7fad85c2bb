import type { ConfRule } from '../rule';

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
          case 'unreadable':
            report({ file, range, message: `include ${edge.line.path.text}: ${p.target}: ${p.message}`, rejectedByLibreswan: true, severity: 'error' });
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
