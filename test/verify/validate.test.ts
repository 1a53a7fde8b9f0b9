import { describe, expect, it } from 'vitest';

import type { ResolvedSchema } from '../../src/schema/types.js';
import { describeIssues, validateBody } from '../../src/verify/validate.js';

const resolved = (root: Record<string, unknown>): ResolvedSchema => ({
  root,
  origins: new WeakMap(),
  file: 'output.schema.json',
});

const output = resolved({
  type: 'object',
  required: ['customers'],
  properties: {
    customers: {
      type: 'array',
      items: { type: 'object', required: ['companyName'], properties: { n: { type: 'integer' } } },
    },
  },
});

describe('validateBody', () => {
  it('reports a missing property at the property, not at the object that lacks it', () => {
    const checked = validateBody(output, { customers: [{ n: 1 }] });
    expect(checked).toEqual({
      valid: false,
      issues: [{ field: '`customers[0].companyName`', says: 'is missing' }],
    });
  });

  it('names the field of a wrong value, and the body for the root', () => {
    const wrong = validateBody(output, { customers: [{ companyName: 'a', n: 'x' }] });
    expect('issues' in wrong && describeIssues(wrong.issues)).toBe('`customers[0].n` must be integer');
    const root = validateBody(output, []);
    expect('issues' in root && describeIssues(root.issues)).toBe('the body must be object');
  });

  it('is valid for a body the schema admits', () => {
    expect(validateBody(output, { customers: [{ companyName: null }] })).toEqual({ valid: true });
  });

  it('says when the schema cannot be used', () => {
    const lookaround = resolved({ type: 'string', pattern: '^(?=a)' });
    expect(validateBody(lookaround, 'a')).toEqual({
      unusable: expect.stringMatching(/RE2|linear time|invalid/i),
    });
  });
});
