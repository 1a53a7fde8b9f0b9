import { describe, expect, it } from 'vitest';

import { parseApproveCommand } from '../../src/check/approve-command.js';

describe('parseApproveCommand', () => {
  it('reads a fingerprint or all, with an optional reason', () => {
    expect(parseApproveCommand('/contractguard approve 436ba42786b3')).toEqual({
      kind: 'approve',
      command: { fingerprint: '436ba42786b3' },
    });
    expect(parseApproveCommand('LGTM\n/contractguard approve all  rolled out with ops \nthanks')).toEqual({
      kind: 'approve',
      command: { fingerprint: 'all', reason: 'rolled out with ops' },
    });
    expect(parseApproveCommand('/contractguard approve')?.kind).toBe('invalid');
    expect(parseApproveCommand('/contractguard approve ../../x')?.kind).toBe('invalid');
    expect(parseApproveCommand('please run /contractguard approve all')).toBeUndefined();
    expect(parseApproveCommand('nothing here')).toBeUndefined();
  });
});
