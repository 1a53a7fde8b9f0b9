import type { ErrorCode } from '../../../src/model/types.js';
import { type Case, runCases } from './helpers.js';

const errs = (...errors: ErrorCode[]) => ({ errors });
const TIMEOUT: ErrorCode = { code: 'CRM_TIMEOUT', status: 504, retryable: true };
const CONFLICT: ErrorCode = { code: 'CONFLICT', status: 409 };

const cases: Case[] = [
  { name: 'nothing changed', old: errs(TIMEOUT, CONFLICT), new: errs(TIMEOUT, CONFLICT), expect: [] },
  { name: 'reordered: nothing', old: errs(TIMEOUT, CONFLICT), new: errs(CONFLICT, TIMEOUT), expect: [] },
  {
    name: 'error code removed, shown in base at its index there',
    old: errs(CONFLICT, TIMEOUT),
    new: errs(CONFLICT),
    expect: [
      {
        rule: 'error-code-removed',
        severity: 'breaking',
        path: '/errors/CRM_TIMEOUT',
        pointer: '/errors/1',
        shownIn: 'base',
        message:
          'Error code `CRM_TIMEOUT` (504) is no longer declared; callers that handle it (retry, fall back, alert) stop reacting when the failure arrives under another code.',
      },
    ],
  },
  {
    name: 'error code added',
    old: errs(TIMEOUT),
    new: errs(TIMEOUT, CONFLICT),
    expect: [
      {
        rule: 'error-code-added',
        severity: 'dangerous',
        path: '/errors/CONFLICT',
        pointer: '/errors/1',
        message:
          'It may now fail with error code `CONFLICT` (409); callers do not expect it and may not handle it.',
      },
    ],
  },
  {
    name: 'first error list declared',
    old: {},
    new: errs(CONFLICT),
    expect: [{ rule: 'error-code-added', severity: 'dangerous', path: '/errors/CONFLICT' }],
  },
  {
    name: 'status changed',
    old: errs(TIMEOUT),
    new: errs({ ...TIMEOUT, status: 503 }),
    expect: [
      {
        rule: 'error-status-changed',
        severity: 'breaking',
        path: '/errors/CRM_TIMEOUT/status',
        pointer: '/errors/0/status',
        message:
          'Error `CRM_TIMEOUT` now has HTTP status 503 (was 504); callers that recognise it by status (or retry by status class) now treat it differently.',
      },
    ],
  },
  {
    name: 'no longer retryable (flag removed: unset means not retryable)',
    old: errs(CONFLICT, TIMEOUT),
    new: errs(CONFLICT, { code: 'CRM_TIMEOUT', status: 504 }),
    expect: [
      {
        rule: 'error-retryable-changed',
        severity: 'breaking',
        path: '/errors/CRM_TIMEOUT/retryable',
        pointer: '/errors/1',
        message:
          'Error `CRM_TIMEOUT` is no longer retryable; callers that retry it now repeat a request that cannot succeed (or duplicate its effects).',
      },
    ],
  },
  {
    name: 'now retryable',
    old: errs(CONFLICT),
    new: errs({ ...CONFLICT, retryable: true }),
    expect: [
      {
        rule: 'error-retryable-changed',
        severity: 'breaking',
        path: '/errors/CONFLICT/retryable',
        pointer: '/errors/0/retryable',
        message: /^Error `CONFLICT` is now retryable; callers that give up on it/,
      },
    ],
  },
  {
    name: 'retryable false spelled out is the same as unset',
    old: errs(CONFLICT),
    new: errs({ ...CONFLICT, retryable: false }),
    expect: [],
  },
  {
    name: 'one removed, one added, one changed',
    old: errs(TIMEOUT, { code: 'GONE', status: 410 }),
    new: errs({ ...TIMEOUT, status: 503 }, CONFLICT),
    expect: [
      { rule: 'error-status-changed', severity: 'breaking', path: '/errors/CRM_TIMEOUT/status' },
      { rule: 'error-code-removed', severity: 'breaking', path: '/errors/GONE' },
      { rule: 'error-code-added', severity: 'dangerous', path: '/errors/CONFLICT' },
    ],
  },
];

runCases('error rules', cases);
