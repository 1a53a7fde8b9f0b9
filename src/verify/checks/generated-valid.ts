/**
 * `generated-valid`: requests made from the input schema that the contract says are valid must be accepted
 * with valid output: the minimal one (required fields only), the full one (every optional field), and, with
 * pragmatic semantics, the minimal one with an unknown extra field (a field the contract does not declare is
 * outside it, so callers may send it).
 */
import type { Prepared, VerifyContext } from '../context.js';
import { answered, result, successProblem } from '../judge.js';
import type { CheckResult } from '../report.js';
import { admitsUnknownProperties } from '../shape.js';
import { replaced, sitesOf, stepsName } from '../sites.js';
import { validateBody } from '../validate.js';

const CHECK = 'generated-valid';

/** The field added to show that undeclared fields are ignored: plainly not a real one. */
export const UNKNOWN_FIELD = 'contractguardUnknownField';

export async function checkGeneratedValid(ctx: VerifyContext): Promise<CheckResult[]> {
  return Promise.all([
    send(ctx, 'minimal request (required fields only)', ctx.minimal),
    send(ctx, 'full request (every optional field)', ctx.full),
    unknownField(ctx),
  ]);
}

async function send(ctx: VerifyContext, name: string, prepared: Prepared): Promise<CheckResult> {
  if ('none' in prepared) return result(CHECK, name, 'skip', prepared.none);
  const exchange = await ctx.runner.send(CHECK, name, prepared.body);
  const problem = successProblem(ctx, exchange);
  if (problem !== undefined) {
    return result(CHECK, name, 'fail', `a request the contract says is valid ${problem}`, exchange);
  }
  const notes = prepared.notes.length > 0 ? ` (left out: ${prepared.notes.join('; ')})` : '';
  return result(
    CHECK,
    name,
    'pass',
    `accepted with ${answered(ctx, exchange)} and valid output${notes}`,
    exchange,
  );
}

async function unknownField(ctx: VerifyContext): Promise<CheckResult> {
  const name = 'unknown extra field';
  if (ctx.semantics === 'strict') {
    return result(
      CHECK,
      name,
      'skip',
      'strict semantics: fields the contract does not declare are part of it, so none is sent',
    );
  }
  if ('none' in ctx.minimal) return result(CHECK, name, 'skip', ctx.minimal.none);
  const base = ctx.minimal.body;
  const open = sitesOf(ctx.version.input.root, base).find(
    (site) =>
      typeof site.value === 'object' &&
      site.value !== null &&
      !Array.isArray(site.value) &&
      admitsUnknownProperties(site.node),
  );
  const body = open === undefined ? undefined : replaced(base, [...open.steps, UNKNOWN_FIELD], 'ignored');
  const checked = body === undefined ? undefined : validateBody(ctx.version.input, body);
  if (open === undefined || checked === undefined || !('valid' in checked) || !checked.valid) {
    return result(
      CHECK,
      name,
      'skip',
      'the input schema closes every object of the request (`additionalProperties: false`), so an unknown field is invalid input here',
    );
  }
  const field = stepsName([...open.steps, UNKNOWN_FIELD]);
  const exchange = await ctx.runner.send(CHECK, name, body);
  const problem = successProblem(ctx, exchange);
  if (problem !== undefined) {
    return result(
      CHECK,
      name,
      'fail',
      `the minimal request with an unknown extra field ${field} ${problem}: with pragmatic semantics a field the contract does not declare is outside it, so the endpoint must ignore it (callers may send fields newer versions add)`,
      exchange,
    );
  }
  return result(
    CHECK,
    name,
    'pass',
    `ignored the unknown field ${field}: ${answered(ctx, exchange)} with valid output`,
    exchange,
  );
}
