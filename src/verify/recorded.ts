/**
 * Recorded traffic: the request fixtures of every consumer of one endpoint major, with the response each
 * recorded and the consumer's `expects` schema. The `fixtures` check replays them; their values also seed
 * generated requests (an id the staging system knows beats a made-up one).
 */
import * as path from 'node:path';

import { fixturePath, parseFixture } from '../consumers/fixtures.js';
import type { ContractSet, LoadedVersion } from '../model/types.js';
import type { ResolvedSchema } from '../schema/types.js';

export interface RecordedCase {
  consumer: string;
  /** `retool-ops-dashboard: request-page.json`: how results name the case. */
  name: string;
  /** Repository path of the request fixture. */
  file: string;
  request: { value: unknown } | { error: string };
  /** The recorded response, when the fixture names one that parses. */
  recorded?: unknown;
  /** The consumer's `expects` schema, when it has one. */
  expects?: ResolvedSchema;
}

/** Every request fixture of the consumers of `version`, in consumer and fixture order. */
export function recordedCases(set: ContractSet, version: LoadedVersion): RecordedCase[] {
  const out: RecordedCase[] = [];
  for (const consumer of set.consumers) {
    consumer.consumer.uses.forEach((use, index) => {
      if (use.endpoint !== version.endpoint || use.version !== version.major) return;
      const expects = consumer.expects?.[index];
      for (const fixture of use.fixtures ?? []) {
        if (fixture.request === undefined) continue;
        const file = fixturePath(set, consumer.file, fixture.request);
        const name = `${consumer.consumer.name}: ${path.posix.basename(fixture.request)}`;
        const base = { consumer: consumer.consumer.name, name, file: file ?? fixture.request };
        const request = file === undefined ? { error: 'the path leaves the contract root' } : read(set, file);
        const response =
          fixture.response === undefined ? undefined : fixturePath(set, consumer.file, fixture.response);
        const recorded = response === undefined ? undefined : read(set, response);
        out.push({
          ...base,
          request,
          ...(recorded !== undefined && 'value' in recorded ? { recorded: recorded.value } : {}),
          ...(expects === undefined ? {} : { expects }),
        });
      }
    });
  }
  return out;
}

function read(set: ContractSet, file: string): { value: unknown } | { error: string } {
  const text = set.text?.(file);
  if (text === undefined) return { error: 'the file cannot be read' };
  return parseFixture(text, file);
}

/** The bodies of the recorded requests that parse. */
export function recordedBodies(cases: readonly RecordedCase[]): unknown[] {
  return cases.flatMap((c) => ('value' in c.request ? [c.request.value] : []));
}
