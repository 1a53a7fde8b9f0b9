/** The transport rules (src/tree/rules/transport.ts): concurrency, response mode, HTTP route, auth scheme. */
import { type Case, runCases } from './helpers.js';

const op = (operational: Record<string, unknown>) => ({ operational });
const route = (r: string, method = 'post') => ({ http: { route: r, method } });
const scheme = (s: string) => ({ auth: { scheme: s } });

const cases: Case[] = [
  { name: 'nothing changed', old: scheme('api_key'), new: scheme('api_key'), expect: [] },
  {
    name: 'concurrency limit lowered',
    old: op({ concurrency: { limit: 4 } }),
    new: op({ concurrency: { limit: 2 } }),
    expect: [
      {
        rule: 'concurrency-limit-lowered',
        severity: 'dangerous',
        path: '/operational/concurrency/limit',
        message:
          'The concurrency limit dropped from 4 to 2; calls beyond it now wait in a queue, and callers with short timeouts may give up.',
      },
    ],
  },
  {
    name: 'concurrency limit declared where there was none',
    old: {},
    new: op({ concurrency: { limit: 2 } }),
    expect: [
      { rule: 'concurrency-limit-lowered', severity: 'dangerous', path: '/operational/concurrency/limit' },
    ],
  },
  {
    name: 'concurrency limit raised',
    old: op({ concurrency: { limit: 2 } }),
    new: op({ concurrency: { limit: 8 } }),
    expect: [
      { rule: 'concurrency-limit-raised', severity: 'additive', path: '/operational/concurrency/limit' },
    ],
  },
  {
    name: 'sync to async',
    old: op({ responseMode: 'sync' }),
    new: op({ responseMode: 'async' }),
    expect: [
      {
        rule: 'response-mode-changed',
        severity: 'breaking',
        path: '/operational/responseMode',
        message:
          'Responses changed from `sync` to `async`; callers that read the result from the response now get a job id instead.',
      },
    ],
  },
  {
    name: 'response mode declared on one side only: nothing',
    old: {},
    new: op({ responseMode: 'async' }),
    expect: [],
  },
  {
    name: 'route moved',
    old: route('crm/sync_customers'),
    new: route('crm/sync'),
    expect: [
      {
        rule: 'http-route-changed',
        severity: 'breaking',
        path: '/http',
        message:
          'The route moved from `POST crm/sync_customers` to `POST crm/sync`; callers of the old route get 404 (or 405).',
      },
    ],
  },
  {
    name: 'method changed',
    old: route('crm/sync_customers', 'post'),
    new: route('crm/sync_customers', 'put'),
    expect: [{ rule: 'http-route-changed', severity: 'breaking', path: '/http' }],
  },
  {
    name: 'route removed',
    old: route('crm/sync_customers'),
    new: {},
    expect: [{ rule: 'http-route-removed', severity: 'breaking', path: '/http', shownIn: 'base' }],
  },
  {
    name: 'route added',
    old: {},
    new: route('crm/sync_customers'),
    expect: [{ rule: 'http-route-added', severity: 'additive', path: '/http' }],
  },
  {
    name: 'api key to basic auth',
    old: scheme('api_key'),
    new: scheme('basic_http'),
    expect: [
      {
        rule: 'auth-scheme-changed',
        severity: 'breaking',
        path: '/auth/scheme',
        message:
          'Callers now authenticate with `basic_http` instead of `api_key`; the credentials existing callers send stop working (401).',
      },
    ],
  },
  {
    name: 'an open route now needs credentials',
    old: scheme('none'),
    new: scheme('api_key'),
    expect: [{ rule: 'auth-scheme-added', severity: 'breaking', path: '/auth/scheme' }],
  },
  {
    name: 'credentials no longer needed',
    old: scheme('api_key'),
    new: scheme('none'),
    expect: [{ rule: 'auth-scheme-removed', severity: 'additive', path: '/auth/scheme' }],
  },
  { name: 'scheme declared on one side only: nothing', old: {}, new: scheme('api_key'), expect: [] },
];

runCases('transport rules', cases);
