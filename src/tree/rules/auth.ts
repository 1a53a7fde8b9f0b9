/** Auth: the roles a caller needs, judged on the input side (who is accepted). Every listed role is required. */
import type { ContractFile } from '../../model/types.js';
import { type ContractHit, type ContractRule, code, keyed, token } from './rule.js';

const rolesOf = (c: ContractFile) => keyed(c.auth?.roles, (r) => r);

function missing(from: ContractFile, to: ContractFile, shownIn?: 'base'): ContractHit[] {
  const present = rolesOf(to);
  return [...rolesOf(from)]
    .filter(([role]) => !present.has(role))
    .map(([role, [, index]]) => ({
      args: { role },
      path: `/auth/roles/${token(role)}`,
      pointer: `/auth/roles/${index}`,
      ...(shownIn ? { shownIn } : {}),
    }));
}

export const authRules: ContractRule[] = [
  {
    id: 'auth-role-added',
    inverse: 'auth-role-removed',
    area: 'auth',
    direction: 'input',
    effect: 'narrows',
    check: (o, n) => missing(n, o),
    what: (a) => `callers now also need the role ${code(a.role)}`,
    impact: () => 'callers without it get 403',
    why: 'Every listed role is required: a caller that had all the old roles may lack the new one.',
  },
  {
    id: 'auth-role-removed',
    inverse: 'auth-role-added',
    area: 'auth',
    direction: 'input',
    effect: 'widens',
    check: (o, n) => missing(o, n, 'base'),
    what: (a) => `callers no longer need the role ${code(a.role)}`,
    why: 'Every caller that was allowed still is; more callers may be.',
  },
];
