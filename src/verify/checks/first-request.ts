/**
 * The request a check sends when any valid request will do (idempotency, auth): the first recorded request
 * that is valid input — real traffic, with values the staging system knows — or else the minimal generated
 * one.
 */
import type { VerifyContext } from '../context.js';
import { validateBody } from '../validate.js';

export type Chosen = { body: unknown; label: string } | { none: string; label: string };

export function firstRequest(ctx: VerifyContext, accept: (body: unknown) => boolean = () => true): Chosen {
  for (const c of ctx.recorded) {
    if (!('value' in c.request) || !accept(c.request.value)) continue;
    const checked = validateBody(ctx.version.input, c.request.value);
    if ('valid' in checked && checked.valid) return { body: c.request.value, label: c.name };
  }
  if ('none' in ctx.minimal) return { none: ctx.minimal.none, label: 'minimal request' };
  return { body: ctx.minimal.body, label: 'minimal request' };
}
