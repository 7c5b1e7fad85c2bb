import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz } from './fuzz';

/*
 * npm run fuzz: a million generated and mutated inputs (corpus mutations from ../shared/corpus
 * and shapes), checked for throws, ranges outside the document, lossless printing and time
 * within a linear bound of the input's size. Prints the figures as JSON; exits 1 on a failure,
 * naming the seed and input number that reproduce it.
 */
const { values } = parseArgs({ options: { seed: { type: 'string', default: '15' }, count: { type: 'string', default: '1000000' } } });
const seed = Number(values.seed);
const count = Number(values.count);
const figures = fuzz({
  seed,
  count,
  corpusDir: resolve(import.meta.dirname, '../../../shared/corpus'),
  onProgress: (done, failures, worst) =>
    process.stderr.write(`fuzz: ${done} inputs, ${failures} failures, worst time ${(worst * 100).toFixed(0)}% of its bound, ${(process.cpuUsage().user / 1e6).toFixed(0)} s of CPU\n`),
});
process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
process.exit(figures.failures.length > 0 ? 1 : 0);
