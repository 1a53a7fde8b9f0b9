/** src/github/delivery-summary.ts: how logs name a delivery. */
import { describe, expect, it } from 'vitest';

import { deliverySummary } from '../../src/github/delivery-summary.js';

describe('deliverySummary', () => {
  it('names the id, event, action and repository, and nothing else of the payload', () => {
    const payload = { action: 'opened', repository: { full_name: 'acme/api' }, padding: 'x'.repeat(100) };
    expect(deliverySummary({ id: 'd-1', name: 'pull_request', payload })).toBe(
      'delivery d-1 pull_request.opened acme/api',
    );
  });

  it('clips what a sender controls to one short line', () => {
    const payload = { action: 'a\nb', repository: { full_name: 'r'.repeat(500) } };
    const summary = deliverySummary({ id: 'i'.repeat(500), name: 'pull_request', payload });
    expect(summary).not.toContain('\n');
    expect(summary.length).toBeLessThan(260);
  });

  it('names what there is of a payload that is not an object', () => {
    expect(deliverySummary({ id: 'd-2', name: 'ping', payload: null })).toBe('delivery d-2 ping');
    expect(deliverySummary({ id: 'd-3', name: 'push', payload: [1, 2] })).toBe('delivery d-3 push');
  });
});
