/**
 * Counterexamples attached to classified changes, after classification: to a schema diff's changes
 * (`diff-schemas`) and to the schema changes of a tree report (the PR check). Only changes that break set
 * inclusion for their direction are searched; each instance shown is verified against both schemas.
 */
import path from 'node:path';

import { fixturePath, parseFixture } from '../consumers/fixtures.js';
import { RULES_BY_ID } from '../diff/rules/index.js';
import type { Change, DiffResult, Direction } from '../diff/types.js';
import type { ConsumerUse, ContractSet } from '../model/types.js';
import type { ResolvedSchema } from '../schema/types.js';
import type { TreeChange, VersionReport } from '../tree/types.js';
import {
  breaksInclusion,
  type ChangeLocation,
  findCounterexample,
  prepareCounterexamples,
  type Preferred,
} from './counterexample.js';
import { wantsCounterexample } from './inclusion.js';

/** The changes of `result`, each that breaks set inclusion with its counterexample when one is found. */
export function withCounterexamples(
  result: DiffResult,
  oldSchema: ResolvedSchema,
  newSchema: ResolvedSchema,
  direction: Direction,
): DiffResult {
  // Every search's instances first, so that a large schema is compiled (cut to them) once for all changes.
  prepareCounterexamples(
    oldSchema,
    newSchema,
    direction,
    result.changes.filter((change) => wantsCounterexample(change, direction)),
  );
  return {
    ...result,
    changes: result.changes.map((change): Change => {
      if (!wantsCounterexample(change, direction)) return change;
      const counterexample = findCounterexample(oldSchema, newSchema, direction, change);
      return counterexample === undefined ? change : { ...change, counterexample };
    }),
  };
}

/**
 * The tree report's versions with counterexamples on their breaking and dangerous schema changes. A tree
 * change names one pointer (head's, or base's for a removal), which both sides are searched from; a
 * consumer's recorded request fixture that proves an input break is preferred to a generated instance.
 */
export function versionsWithCounterexamples(
  versions: readonly VersionReport[],
  base: ContractSet,
  head: ContractSet,
): VersionReport[] {
  return versions.map((version) => {
    if (version.kind !== 'changed') return version;
    const before = base.endpoints.get(version.endpoint)?.versions.get(version.major);
    const after = head.endpoints.get(version.endpoint)?.versions.get(version.major);
    if (before === undefined || after === undefined) return version;
    const searched = (change: TreeChange): change is TreeChange & { area: 'input' | 'output' } => {
      if (change.area !== 'input' && change.area !== 'output') return false;
      if (change.severity !== 'breaking' && change.severity !== 'dangerous') return false;
      const effect = RULES_BY_ID.get(change.rule)?.effect;
      return effect === undefined || effect === 'computed' || breaksInclusion(effect, change.area);
    };
    const requests = version.changes.some((change) => searched(change) && change.area === 'input')
      ? recordedRequests(head, version.endpoint, version.major)
      : [];
    // Every search's instances first, so that a large schema is compiled (cut to them) once per area.
    for (const area of ['input', 'output'] as const) {
      const locations = version.changes
        .filter(searched)
        .filter((change) => change.area === area)
        .map(searchedFrom);
      if (locations.length > 0)
        prepareCounterexamples(before[area], after[area], area, locations, area === 'input' ? requests : []);
    }
    const changes = version.changes.map((change): TreeChange => {
      if (!searched(change)) return change;
      const preferred = change.area === 'input' ? requests : [];
      const counterexample = findCounterexample(
        before[change.area],
        after[change.area],
        change.area,
        searchedFrom(change),
        preferred,
      );
      return counterexample === undefined ? change : { ...change, counterexample };
    });
    return { ...version, changes };
  });
}

/** Where a tree change's search starts: each side's pointer and the rule's arguments when the diff kept them. */
function searchedFrom(change: TreeChange): ChangeLocation {
  const place = change.schemaPlace;
  return place === undefined
    ? { rule: change.rule, oldPath: change.path, newPath: change.path }
    : {
        rule: change.rule,
        oldPath: place.oldPath,
        newPath: place.newPath,
        path: change.path,
        args: place.args,
      };
}

/**
 * The requests consumers recorded for one major, as values: the request fixtures of consumers/*.yaml, and the
 * arguments a discovered consumer writes where it calls (a Windmill schedule's `args`, a flow step's static
 * inputs). An argument given by an expression is absent from its value, so such a request proves nothing
 * unless the old schema accepts it without that argument: every preferred value is verified like any other.
 */
function recordedRequests(set: ContractSet, endpoint: string, major: number): Preferred[] {
  const read = set.text;
  const calls = (use: ConsumerUse | undefined): boolean =>
    use !== undefined && use.endpoint === endpoint && use.version === major;
  const out: Preferred[] = [];
  for (const consumer of set.consumers) {
    const name = consumer.consumer.name;
    for (const use of consumer.consumer.uses) {
      if (!calls(use) || read === undefined) continue;
      for (const fixture of use.fixtures ?? []) {
        const file =
          fixture.request === undefined ? undefined : fixturePath(set, consumer.file, fixture.request);
        const text = file === undefined ? undefined : read.call(set, file);
        if (file === undefined || text === undefined) continue;
        const data = parseFixture(text, file);
        if ('value' in data)
          out.push({ value: data.value, fixture: { consumer: name, file: path.posix.basename(file) } });
      }
    }
    for (const request of consumer.requests ?? []) {
      if (calls(consumer.consumer.uses[request.use]))
        out.push({
          value: request.value,
          fixture: { consumer: name, file: path.posix.basename(request.file) },
        });
    }
  }
  return out;
}
