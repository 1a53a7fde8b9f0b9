import { type Case, runCases } from './helpers.js';

const cases: Case[] = [
  { name: 'nothing changed', old: {}, new: {}, expect: [] },
  {
    name: 'the version number alone is no change (the policy reads it)',
    old: { version: '3.0.0' },
    new: { version: '3.1.0' },
    expect: [],
  },
  {
    name: 'owner changed',
    old: { owner: '@acme/crm' },
    new: { owner: '@acme/platform' },
    expect: [
      {
        rule: 'owner-changed',
        severity: 'none',
        path: '/owner',
        message: 'Owner changed from @acme/crm to @acme/platform.',
      },
    ],
  },
  {
    name: 'deprecated',
    old: { status: 'active' },
    new: { status: 'deprecated', deprecation: { date: '2027-03-31', replacement: 4 } },
    expect: [
      {
        rule: 'status-changed',
        severity: 'none',
        path: '/status',
        message: 'Status changed from active to deprecated.',
      },
      {
        rule: 'deprecation-added',
        severity: 'none',
        path: '/deprecation',
        message: 'Deprecated as of 2027-03-31, replaced by v4.',
      },
    ],
  },
  {
    name: 'retired',
    old: { status: 'deprecated' },
    new: { status: 'retired' },
    expect: [
      {
        rule: 'major-retired',
        severity: 'breaking',
        path: '/status',
        message: 'Status changed from deprecated to retired; anyone still calling it fails.',
      },
    ],
  },
  {
    name: 'deprecation withdrawn',
    old: { deprecation: { date: '2027-03-31' } },
    new: {},
    expect: [{ rule: 'deprecation-removed', severity: 'none', path: '/deprecation', shownIn: 'base' }],
  },
  {
    name: 'deprecation date moved later',
    old: { deprecation: { date: '2027-03-31', replacement: 4 } },
    new: { deprecation: { date: '2027-06-30', replacement: 4 } },
    expect: [
      {
        rule: 'deprecation-changed',
        severity: 'none',
        path: '/deprecation/date',
        message: 'Deprecation date changed from 2027-03-31 to 2027-06-30.',
      },
    ],
  },
  {
    name: 'deprecation replacement changed',
    old: { deprecation: { date: '2027-03-31', replacement: 4 } },
    new: { deprecation: { date: '2027-03-31', replacement: 5 } },
    expect: [{ rule: 'deprecation-changed', severity: 'none', path: '/deprecation/replacement' }],
  },
  {
    name: 'deprecation date moved earlier',
    old: { deprecation: { date: '2027-03-31', replacement: 4 } },
    new: { deprecation: { date: '2027-01-31', replacement: 4 } },
    expect: [
      {
        rule: 'deprecation-date-advanced',
        severity: 'dangerous',
        path: '/deprecation/date',
        message:
          'The deprecation date moved earlier, from 2027-03-31 to 2027-01-31; callers that planned their migration around the old date have less time.',
      },
    ],
  },
];

runCases('meta rules', cases);
