import { type Case, runCases } from './helpers.js';

const roles = (...r: string[]) => ({ auth: { roles: r } });

const cases: Case[] = [
  { name: 'nothing changed', old: roles('crm-sync'), new: roles('crm-sync'), expect: [] },
  { name: 'reordered: nothing', old: roles('a', 'b'), new: roles('b', 'a'), expect: [] },
  {
    name: 'role added',
    old: roles('crm-sync'),
    new: roles('crm-sync', 'crm-admin'),
    expect: [
      {
        rule: 'auth-role-added',
        severity: 'breaking',
        path: '/auth/roles/crm-admin',
        pointer: '/auth/roles/1',
        message: 'Callers now also need the role `crm-admin`; callers without it get 403.',
      },
    ],
  },
  {
    name: 'first role on an open endpoint',
    old: {},
    new: roles('crm-sync'),
    expect: [{ rule: 'auth-role-added', severity: 'breaking', path: '/auth/roles/crm-sync' }],
  },
  {
    name: 'role removed',
    old: roles('crm-sync', 'crm-admin'),
    new: roles('crm-sync'),
    expect: [
      {
        rule: 'auth-role-removed',
        severity: 'additive',
        path: '/auth/roles/crm-admin',
        pointer: '/auth/roles/1',
        shownIn: 'base',
        message: 'Callers no longer need the role `crm-admin`; existing callers keep working.',
      },
    ],
  },
  {
    name: 'role swapped',
    old: roles('crm-sync'),
    new: roles('crm-writer'),
    expect: [
      { rule: 'auth-role-added', severity: 'breaking', path: '/auth/roles/crm-writer' },
      { rule: 'auth-role-removed', severity: 'additive', path: '/auth/roles/crm-sync' },
    ],
  },
];

runCases('auth rules', cases);
