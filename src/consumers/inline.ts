/**
 * Requests written where a discovered consumer calls (`LoadedConsumer.requests`: a Windmill flow step's
 * static arguments, a schedule's `args`), checked as golden fixtures against the input of the major it
 * uses, each problem at the argument's line in the caller's own file. Arguments given by an expression are
 * never evaluated: an error about one of them (a required one "missing") is not reported.
 */
import type { ContractSet, TreeProblem } from '../model/types.js';
import { instanceName } from './names.js';
import { compileResolved, validateWith } from './validator.js';

export interface InlineRequestProblem extends TreeProblem {
  consumer: string;
  endpoint: string;
  major: number;
  instancePath: string;
}

const MISSING = /^is missing required property `(.*)`$/;

/** `` `region` is required and not passed ``, `` `dry_run` must be boolean ``. */
function describe(instancePath: string, message: string): string {
  const missing = instancePath === '' ? MISSING.exec(message)?.[1] : undefined;
  if (missing !== undefined) return `\`${missing}\` is required and not passed`;
  return `${instanceName(instancePath, 'the arguments')} ${message}`;
}

/** ` (`customer_ids` is given by an expression: not checked)`, or nothing. */
function uncheckedNote(names: readonly string[]): string {
  if (names.length === 0) return '';
  const list = names.map((n) => `\`${n}\``).join(', ');
  return ` (${list} ${names.length === 1 ? 'is' : 'are'} given by an expression: not checked)`;
}

export function checkInlineRequests(set: ContractSet, limit = 5): InlineRequestProblem[] {
  const problems: InlineRequestProblem[] = [];
  for (const consumer of set.consumers) {
    for (const request of consumer.requests ?? []) {
      const use = consumer.consumer.uses[request.use];
      const version = use && set.endpoints.get(use.endpoint)?.versions.get(use.version);
      if (version === undefined) continue;
      const base = {
        consumer: consumer.consumer.name,
        endpoint: version.endpoint,
        major: version.major,
        file: request.file,
      };
      const contract = `${version.endpoint} v${version.major} input`;
      const compiled = compileResolved(version.input);
      const errors = 'error' in compiled ? compiled : validateWith(compiled, request.value, 1000);
      if ('error' in errors) {
        problems.push({
          ...base,
          instancePath: '',
          message: `${request.label}: its arguments cannot be checked against ${contract}: ${errors.error}`,
        });
        continue;
      }
      const unchecked = new Set(request.unchecked);
      const kept = errors.filter((error) => {
        const missing = error.instancePath === '' ? MISSING.exec(error.message)?.[1] : undefined;
        const top = error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
        return (
          !(missing !== undefined && unchecked.has(missing)) && !(top !== undefined && unchecked.has(top))
        );
      });
      for (const error of kept.slice(0, limit)) {
        const top = error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
        const argPointer = top === undefined ? undefined : request.args[top];
        const pointer =
          argPointer === undefined
            ? request.pointer
            : `${argPointer}${error.instancePath.slice(error.instancePath.indexOf('/', 1) === -1 ? error.instancePath.length : error.instancePath.indexOf('/', 1))}`;
        const at = set.position(request.file, pointer);
        problems.push({
          ...base,
          instancePath: error.instancePath,
          message: `${request.label} passes arguments that are not valid ${contract}: ${describe(error.instancePath, error.message)}${uncheckedNote(request.unchecked)}`,
          ...(at ? { line: at.line, column: at.column } : {}),
        });
      }
    }
  }
  return problems;
}
