import { describe, expect, it } from 'vitest';
import { OLD_GENERATION_GROWTH_PERCENT, oldGenerationGrowthFlag } from './v8-heap.js';

describe('oldGenerationGrowthFlag', () => {
  it('bounds the growth when the node command line says nothing about it', () => {
    expect(oldGenerationGrowthFlag([])).toBe(`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
    expect(oldGenerationGrowthFlag(['--enable-source-maps', '--max-old-space-size=512'])).toBe(
      `--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`,
    );
  });

  it("leaves the operator's own choice in place, in either spelling", () => {
    expect(oldGenerationGrowthFlag(['--heap-growing-percent=200'])).toBeUndefined();
    expect(oldGenerationGrowthFlag(['--heap_growing_percent=10'])).toBeUndefined();
  });
});
