import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCatalogue } from '../../src/diff/catalogue.js';

describe('rule catalogue', () => {
  it('docs/rules.md is generated from the current registry (run `npm run docs` when this fails)', () => {
    const committed = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderCatalogue());
  });
});
