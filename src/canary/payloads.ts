/**
 * Payload validation for a canary: sampled requests and responses, checked against the candidate major's
 * input and output schemas (the same ajv validators the consumer fixtures use). Evidence that an "additive"
 * change is additive in practice.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

import { type Compiled, validateWith } from '../consumers/validator.js';
import { ShadowInputError } from './shadow.js';

export interface SideCounts {
  checked: number;
  invalid: number;
  /** invalid / checked; null when nothing was checked. */
  rate: number | null;
}

export interface PayloadExample {
  side: 'request' | 'response';
  /** 1-based line of the samples file. */
  line: number;
  /** JSON pointer into the payload ('' for the payload itself). */
  path: string;
  message: string;
}

export interface PayloadSummary {
  samples: number;
  requests: SideCounts;
  responses: SideCounts;
  /** Up to `maxExamples` per side, in file order. */
  examples: PayloadExample[];
}

export interface PayloadValidators {
  request: Compiled;
  response: Compiled;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Checks the samples of a JSONL stream, one line at a time (blank lines are skipped). */
export async function validatePayloadLines(
  lines: AsyncIterable<string>,
  validators: PayloadValidators,
  options: { maxExamples?: number } = {},
): Promise<PayloadSummary> {
  const maxExamples = options.maxExamples ?? 5;
  const counts = { request: { checked: 0, invalid: 0 }, response: { checked: 0, invalid: 0 } };
  const examples: PayloadExample[] = [];
  const shown = { request: 0, response: 0 };
  let samples = 0;
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === '') continue;
    const sample = parseSampleLine(text, n);
    samples++;
    for (const side of ['request', 'response'] as const) {
      if (!Object.hasOwn(sample, side)) continue;
      const compiled = validators[side];
      if ('error' in compiled) {
        throw new Error(
          `the ${side === 'request' ? 'input' : 'output'} schema cannot validate: ${compiled.error}`,
        );
      }
      const errors = validateWith(compiled, sample[side], Math.max(1, maxExamples));
      if (!Array.isArray(errors)) throw new ShadowInputError(n, `${side}: ${errors.error}`);
      counts[side].checked++;
      if (errors.length === 0) continue;
      counts[side].invalid++;
      for (const e of errors) {
        if (shown[side] >= maxExamples) break;
        shown[side]++;
        examples.push({ side, line: n, path: e.instancePath, message: e.message });
      }
    }
  }
  const rated = (c: { checked: number; invalid: number }): SideCounts => ({
    ...c,
    rate: c.checked === 0 ? null : c.invalid / c.checked,
  });
  return { samples, requests: rated(counts.request), responses: rated(counts.response), examples };
}

/** Parses one JSONL line into its sample; throws ShadowInputError naming the line. */
export function parseSampleLine(text: string, line: number): { request?: unknown; response?: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ShadowInputError(line, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isObject(value)) throw new ShadowInputError(line, 'must be a JSON object { request?, response? }');
  if (!Object.hasOwn(value, 'request') && !Object.hasOwn(value, 'response')) {
    throw new ShadowInputError(
      line,
      'has neither "request" nor "response" (each line is { request?, response? })',
    );
  }
  return value;
}

/** `validatePayloadLines` over a file, streamed with readline. */
export async function validatePayloadFile(
  path: string,
  validators: PayloadValidators,
  options: { maxExamples?: number } = {},
): Promise<PayloadSummary> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    return await validatePayloadLines(lines, validators, options);
  } finally {
    lines.close();
    stream.destroy();
  }
}
