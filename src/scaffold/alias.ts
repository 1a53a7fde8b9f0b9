/**
 * Moving an alias (`aliases: { prod: 3 }` in an endpoint.yaml) to another major, in place: only the alias's
 * value changes, byte for byte everything else — comments, quoting, flow (`{ prod: 3 }`) or block maps —
 * is kept. Same technique as `new-version.ts`: the yaml Document API finds the value's source range, the
 * text is spliced, and the result is parsed again to check it.
 */
import { isMap, isScalar, parse, parseDocument } from 'yaml';

import { ScaffoldError } from './fs.js';

/**
 * `endpointYamlText` with `aliases.<alias>` set to `toMajor`. Throws `ScaffoldError` when the text is not
 * valid YAML, has no `aliases` map, or the alias is not in it (an alias is moved, never created here).
 */
export function moveAlias(endpointYamlText: string, alias: string, toMajor: number): string {
  if (!Number.isInteger(toMajor) || toMajor < 1) {
    throw new ScaffoldError(`an alias points at a major version (1 or more), not ${String(toMajor)}`);
  }
  const doc = parseDocument(endpointYamlText, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    throw new ScaffoldError(`endpoint.yaml is not valid YAML: ${doc.errors[0]?.message ?? 'parse error'}`);
  }
  const aliases = doc.get('aliases', true);
  if (!isMap(aliases)) throw new ScaffoldError('endpoint.yaml has no `aliases` map');
  const pair = aliases.items.find((p) => isScalar(p.key) && String(p.key.value) === alias);
  if (pair === undefined) throw new ScaffoldError(`endpoint.yaml has no alias \`${alias}\``);
  const value = pair.value;
  if (!isScalar(value) || !value.range) {
    throw new ScaffoldError(`alias \`${alias}\` in endpoint.yaml is not a plain major number`);
  }
  const [start, end] = value.range;
  const quote = endpointYamlText[start];
  const rendered = quote === "'" || quote === '"' ? `${quote}${toMajor}${quote}` : String(toMajor);
  const out = endpointYamlText.slice(0, start) + rendered + endpointYamlText.slice(end);
  const check = parse(out) as { aliases?: Record<string, unknown> } | null;
  if (Number(check?.aliases?.[alias]) !== toMajor) {
    throw new ScaffoldError(`moving alias \`${alias}\` produced an unexpected endpoint.yaml`);
  }
  return out;
}

/** The major an alias points at in an endpoint.yaml's text, if it is there. */
export function aliasMajor(endpointYamlText: string, alias: string): number | undefined {
  try {
    const data = parse(endpointYamlText) as { aliases?: Record<string, unknown> } | null;
    const value = Number(data?.aliases?.[alias]);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
