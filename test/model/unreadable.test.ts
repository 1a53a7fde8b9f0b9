/** src/model/unreadable.ts: which part of a tree hides an endpoint or a major. */
import { describe, expect, it } from 'vitest';

import type { UnreadablePart } from '../../src/model/types.js';
import { unreadableName, unreadablePart } from '../../src/model/unreadable.js';

const problem = { file: 'contracts/a/v2/contract.yaml', message: 'bad' };
const major: UnreadablePart = { endpoint: 'a', major: 2, problems: [problem] };
const endpoint: UnreadablePart = { endpoint: 'b', problems: [problem] };
const set = { unreadable: [major, endpoint] };

describe('unreadablePart', () => {
  it('finds an unreadable major', () => {
    expect(unreadablePart(set, 'a', 2)).toBe(major);
  });

  it('does not take another major of the endpoint for it', () => {
    expect(unreadablePart(set, 'a', 1)).toBeUndefined();
  });

  it('asked about the endpoint itself, answers only for its endpoint.yaml, not for one of its majors', () => {
    expect(unreadablePart(set, 'a')).toBeUndefined();
    expect(unreadablePart(set, 'b')).toBe(endpoint);
  });

  it('an unreadable endpoint hides every major of it', () => {
    expect(unreadablePart(set, 'b', 7)).toBe(endpoint);
  });

  it('a set built without the loader has nothing unreadable', () => {
    expect(unreadablePart({}, 'a', 2)).toBeUndefined();
  });
});

describe('unreadableName', () => {
  it('names the major, or the endpoint', () => {
    expect(unreadableName(major)).toBe('a v2');
    expect(unreadableName(endpoint)).toBe('b');
  });
});
