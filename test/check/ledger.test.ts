/** The approval ledger's marker line: sealed to the bot's key and to its PR. */
import { describe, expect, it } from 'vitest';

import { type BotState, emptyState, readState, renderState, withApprovals } from '../../src/check/ledger.js';

const SEAL = { key: 'k'.repeat(32), pullRequest: 'acme/api#7' };
const STATE: BotState = {
  approvals: [
    {
      fingerprint: 'a1b2c3d4e5f6',
      by: 'alice',
      reason: 'ok --> <script>',
      at: '2026-11-25T00:00:00Z',
      via: 'command',
    },
  ],
  last: { sha: 'abc', passed: true },
};

describe('the state marker', () => {
  it('round-trips under its seal and cannot close the HTML comment', () => {
    const line = renderState(STATE, SEAL);
    expect(line.indexOf('-->')).toBe(line.length - 3);
    expect(readState(`hello\n${line}\n`, SEAL)).toEqual({ state: STATE, tampered: false });
    expect(readState(undefined, SEAL)).toEqual({ state: emptyState(), tampered: false });
  });

  it('is ignored as tampered when its JSON was edited', () => {
    const line = renderState(STATE, SEAL).replace('a1b2c3d4e5f6', 'ffffffffffff');
    expect(readState(line, SEAL)).toEqual({ state: emptyState(), tampered: true });
  });

  it('is ignored as tampered without a seal, or under another key', () => {
    expect(readState(renderState(STATE, undefined), SEAL).tampered).toBe(true);
    expect(readState(renderState(STATE, { ...SEAL, key: 'other' }), SEAL).tampered).toBe(true);
  });

  it('is ignored as tampered when copied from another PR', () => {
    const line = renderState(STATE, { ...SEAL, pullRequest: 'acme/api#8' });
    expect(readState(line, SEAL)).toEqual({ state: emptyState(), tampered: true });
  });

  it('without a key keeps only the last outcome, never approvals', () => {
    const line = renderState(STATE, undefined);
    expect(line).not.toContain('alice');
    const forged = `<!-- contractguard:state ${JSON.stringify(STATE)} -->`;
    expect(readState(forged, undefined)).toEqual({
      state: { approvals: [], last: STATE.last },
      tampered: false,
    });
  });
});

describe('withApprovals', () => {
  it('replaces an earlier approval by the same person of the same fingerprint given the same way', () => {
    const again = { ...STATE.approvals[0], at: '2026-11-26T00:00:00Z' } as BotState['approvals'][number];
    const byLabel = { ...again, via: 'label' as const };
    expect(withApprovals(STATE, [again, byLabel]).approvals).toEqual([again, byLabel]);
  });
});
