/**
 * Consumers discovered, not registered: every flow, schedule and HTTP trigger of the workspace that calls a
 * script backing a contract is a consumer of that contract's major, named after what it is (`flow
 * f/ops/nightly_sync`, `schedule f/ops/hourly_sync`, `HTTP trigger f/crm/sync`). The static arguments of
 * flow steps and schedules are its requests, checked as golden fixtures; arguments given by a JavaScript
 * expression are never evaluated, only listed as unchecked.
 */
import type { ConsumerKind, InlineRequest, LoadedConsumer } from '../model/types.js';
import type { WindmillCall, WindmillCallerKind, WindmillWorkspace } from './workspace.js';

/** A contract major backed by a script. */
export interface ScriptBinding {
  endpoint: string;
  major: number;
  owner: string;
}

const KINDS: Record<WindmillCallerKind, { noun: string; kind: ConsumerKind }> = {
  flow: { noun: 'flow', kind: 'pipeline' },
  schedule: { noun: 'schedule', kind: 'job' },
  http_trigger: { noun: 'HTTP trigger', kind: 'service' },
};

/** The consumer name of a caller: `flow f/ops/nightly_sync`. */
export function consumerName(call: Pick<WindmillCall, 'kind' | 'caller'>): string {
  return `${KINDS[call.kind].noun} ${call.caller}`;
}

/** One consumer per calling flow, schedule or trigger, with a use per script major it calls. */
export function discoverConsumers(
  workspace: WindmillWorkspace,
  bindings: ReadonlyMap<string, ScriptBinding>,
): LoadedConsumer[] {
  const byCaller = new Map<string, LoadedConsumer>();
  for (const call of workspace.calls) {
    const binding = bindings.get(call.script);
    if (binding === undefined) continue;
    const name = consumerName(call);
    let consumer = byCaller.get(name);
    if (consumer === undefined) {
      consumer = {
        file: call.file,
        consumer: { name, owner: binding.owner, kind: KINDS[call.kind].kind, uses: [] },
        expects: [],
        requests: [],
        ...(call.kind === 'http_trigger' ? {} : { direct: true }),
      };
      byCaller.set(name, consumer);
    }
    const uses = consumer.consumer.uses;
    let use = uses.findIndex((u) => u.endpoint === binding.endpoint && u.version === binding.major);
    if (use === -1) {
      use = uses.length;
      uses.push({ endpoint: binding.endpoint, version: binding.major });
      consumer.expects?.push(undefined);
    }
    if (call.request !== undefined) {
      const request: InlineRequest = { use, label: call.label, file: call.file, ...call.request };
      consumer.requests?.push(request);
    }
  }
  return [...byCaller.values()];
}
