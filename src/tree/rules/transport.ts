/**
 * How a major is reached and run, beyond its schemas: the concurrency limit, the response mode (sync,
 * async, stream), the HTTP route and method, and the authentication scheme. A Windmill-backed contract gets
 * these from the script's metadata and its HTTP trigger (docs/windmill.md); a hand-written contract may
 * declare them too. An undeclared value says nothing: only a value declared on both sides is compared,
 * except the concurrency limit (undeclared = unbounded, as every limit) and the route (gone = unreachable).
 */
import type { ContractFile } from '../../model/types.js';
import { limitRules } from './factories.js';
import { type ContractHit, type ContractRule, code } from './rule.js';

const concurrencyRules = limitRules({
  area: 'operational',
  path: '/operational/concurrency/limit',
  read: (c) => c.operational?.concurrency?.limit,
  compare: (a: number, b: number) => a - b,
  tightened: {
    id: 'concurrency-limit-lowered',
    severity: 'dangerous',
    what: (a) =>
      a.before === undefined
        ? `a concurrency limit of ${a.after} is now declared (there was none)`
        : `the concurrency limit dropped from ${a.before} to ${a.after}`,
    impact: () => 'calls beyond it now wait in a queue, and callers with short timeouts may give up',
    why: 'Calls are queued rather than refused, so nothing fails outright; but bursts now take longer, which breaks callers that wait with a deadline.',
  },
  loosened: {
    id: 'concurrency-limit-raised',
    what: (a) =>
      a.after === undefined
        ? `the concurrency limit of ${a.before} was removed`
        : `the concurrency limit rose from ${a.before} to ${a.after}`,
    why: 'Every call that ran before still runs, with less waiting.',
  },
});

const modeOf = (c: ContractFile) => c.operational?.responseMode;
const routeOf = (c: ContractFile) => c.http;
const schemeOf = (c: ContractFile) => c.auth?.scheme;

const showRoute = (r: unknown): string => {
  const route = r as NonNullable<ContractFile['http']>;
  return code(`${route.method.toUpperCase()} ${route.route}`);
};

function one(args: Record<string, unknown>, path: string, shownIn?: 'base'): ContractHit[] {
  return [{ args, path, ...(shownIn ? { shownIn } : {}) }];
}

/**
 * Rules about how callers reach the major over HTTP: callers that run the implementation directly (a
 * Windmill flow step or schedule calling the script) are not affected by them.
 */
export const HTTP_ONLY_RULES: ReadonlySet<string> = new Set([
  'response-mode-changed',
  'http-route-changed',
  'http-route-removed',
  'auth-scheme-changed',
  'auth-scheme-added',
]);

export const transportRules: ContractRule[] = [
  ...concurrencyRules,
  {
    id: 'response-mode-changed',
    inverse: 'response-mode-changed',
    area: 'operational',
    direction: 'output',
    effect: 'both',
    check: (o, n) => {
      const before = modeOf(o);
      const after = modeOf(n);
      return before !== undefined && after !== undefined && before !== after
        ? one({ before, after }, '/operational/responseMode')
        : [];
    },
    what: (a) => `responses changed from ${code(a.before)} to ${code(a.after)}`,
    impact: (a) =>
      a.after === 'async'
        ? 'callers that read the result from the response now get a job id instead'
        : 'callers that read responses the old way get something else',
    why: 'A synchronous caller reads the result from the response; an asynchronous one polls a job id; a streaming one reads events. Each reads the others as garbage.',
  },
  {
    id: 'http-route-changed',
    inverse: 'http-route-changed',
    area: 'operational',
    direction: 'input',
    effect: 'both',
    check: (o, n) => {
      const before = routeOf(o);
      const after = routeOf(n);
      return before && after && (before.route !== after.route || before.method !== after.method)
        ? one({ before, after }, '/http')
        : [];
    },
    what: (a) => `the route moved from ${showRoute(a.before)} to ${showRoute(a.after)}`,
    impact: () => 'callers of the old route get 404 (or 405)',
    why: 'Callers address the route and method; nothing answers at the old ones.',
  },
  {
    id: 'http-route-removed',
    inverse: 'http-route-added',
    area: 'operational',
    direction: 'input',
    effect: 'narrows',
    check: (o, n) => (routeOf(o) && !routeOf(n) ? one({ before: routeOf(o) }, '/http', 'base') : []),
    what: (a) => `the route ${showRoute(a.before)} was removed`,
    impact: () => 'its callers get 404',
    why: 'Nothing answers where callers send their requests.',
  },
  {
    id: 'http-route-added',
    inverse: 'http-route-removed',
    area: 'operational',
    direction: 'input',
    effect: 'widens',
    check: (o, n) => (!routeOf(o) && routeOf(n) ? one({ after: routeOf(n) }, '/http') : []),
    what: (a) => `it is now also served at ${showRoute(a.after)}`,
    why: 'A new way in; every existing caller keeps its own.',
  },
  {
    id: 'auth-scheme-changed',
    inverse: 'auth-scheme-changed',
    area: 'auth',
    direction: 'input',
    effect: 'both',
    check: (o, n) => {
      const before = schemeOf(o);
      const after = schemeOf(n);
      return before !== undefined &&
        after !== undefined &&
        before !== after &&
        before !== 'none' &&
        after !== 'none'
        ? one({ before, after }, '/auth/scheme')
        : [];
    },
    what: (a) => `callers now authenticate with ${code(a.after)} instead of ${code(a.before)}`,
    impact: () => 'the credentials existing callers send stop working (401)',
    why: 'A caller holds credentials for one scheme; they are not accepted by another.',
  },
  {
    id: 'auth-scheme-added',
    inverse: 'auth-scheme-removed',
    area: 'auth',
    direction: 'input',
    effect: 'narrows',
    check: (o, n) => {
      const after = schemeOf(n);
      return schemeOf(o) === 'none' && after !== undefined && after !== 'none'
        ? one({ after }, '/auth/scheme')
        : [];
    },
    what: (a) => `callers now have to authenticate (${code(a.after)}); they did not`,
    impact: () => 'callers without credentials get 401',
    why: 'Existing callers send no credentials.',
  },
  {
    id: 'auth-scheme-removed',
    inverse: 'auth-scheme-added',
    area: 'auth',
    direction: 'input',
    effect: 'widens',
    check: (o, n) => {
      const before = schemeOf(o);
      return before !== undefined && before !== 'none' && schemeOf(n) === 'none'
        ? one({ before }, '/auth/scheme')
        : [];
    },
    what: (a) => `callers no longer authenticate (was ${code(a.before)})`,
    impact: () => 'existing callers keep working; anyone who can reach it may now call it',
    why: 'Every caller that was accepted still is (its credentials are ignored); review who can now reach it.',
  },
];
