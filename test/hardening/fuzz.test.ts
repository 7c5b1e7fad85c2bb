import { describe, expect, it } from 'vitest';
import { fuzz } from '../../tools/fuzz/fuzz';
import { corpusDir, corpusPresent } from '../support/corpus';

/*
 * A short seeded sample of `npm run fuzz` (which runs a million inputs): corpus mutations and
 * the shapes of issue 15, checked for throws, ranges outside the document, lossless printing
 * and time within a linear bound of the input's size.
 */
describe('fuzzing (seeded sample)', () => {
  it('600 inputs: no throw, every range inside its document, time within the linear bound', () => {
    if (!corpusPresent) console.warn(`[fuzz] ${corpusDir} is absent: only generated shapes are run, no corpus mutations`);
    const figures = fuzz({ seed: 20261201, count: 600, corpusDir: corpusPresent ? corpusDir : undefined, shapeShare: 0.15, lintEvery: 10 });
    expect(figures.failures).toEqual([]);
    expect(figures.inputs).toBe(600);
    expect(Object.keys(figures.byShape).length).toBeGreaterThan(corpusPresent ? 5 : 4);
  }, 300_000);
});
