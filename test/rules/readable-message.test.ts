import { describe, expect, it } from 'vitest';
import { readableMessage } from '../../server/rules/registry';

describe('readableMessage', () => {
  it('leaves a short message alone', () => {
    expect(readableMessage('a short message')).toBe('a short message');
  });

  it('cuts a long message once, at a word boundary, and never repeats a part', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
    const cut = readableMessage(words.join(' '));
    expect(cut.length).toBeLessThanOrEqual(400);
    expect(cut.endsWith(' … (message cut)')).toBe(true);
    const kept = cut.slice(0, -' … (message cut)'.length).split(' ');
    // Whole words, in order, from the start, each once.
    expect(kept).toEqual(words.slice(0, kept.length));
  });

  it('still cuts a single huge token (no space to cut at)', () => {
    const cut = readableMessage(`value ${'x'.repeat(10_000)}`);
    expect(cut.length).toBeLessThanOrEqual(400);
  });
});
