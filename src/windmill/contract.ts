/**
 * A Windmill-backed contract (`input: { windmill: f/crm/sync_customers }`) made whole: the script's
 * operational settings and its HTTP trigger mapped onto the contract's operational, http and auth parts, so
 * the contract rules judge them as they judge a hand-written contract, with the place each was read from.
 *
 *   timeout (s)                     → operational.timeoutMs
 *   concurrent_limit                → operational.concurrency.limit
 *   concurrency_time_window_s       → operational.concurrency.windowSeconds
 *   HTTP trigger request_type       → operational.responseMode (sync, async; sync_sse → stream)
 *   HTTP trigger route_path, method → http.route, http.method
 *   HTTP trigger authentication     → auth.scheme
 *
 * A part contract.yaml writes itself as well is a problem: one place per fact.
 */
import type { ContractFile, LoadedVersion } from '../model/types.js';
import type { WindmillHttpTrigger, WindmillScript } from './workspace.js';

export interface BoundContract {
  contract: ContractFile;
  sources: NonNullable<LoadedVersion['sources']>;
  /** Parts written in contract.yaml that Windmill also sets: the field path there, and why. */
  conflicts: { field: (string | number)[]; message: string }[];
}

/** The owner `init --from-windmill` writes without `--owner` (as `add-endpoint`): `check` asks to set it. */
export const PLACEHOLDER_OWNER = '@your-org/your-team';

const MODES: Record<string, 'sync' | 'async' | 'stream'> = {
  sync: 'sync',
  async: 'async',
  sync_sse: 'stream',
};

const positiveNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

const positiveInt = (value: unknown): number | undefined => {
  const n = positiveNumber(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
};

/** The HTTP trigger a contract's route and auth come from: the first by path (the others are callers only). */
export function triggerOf(
  script: string,
  triggers: readonly WindmillHttpTrigger[],
): WindmillHttpTrigger | undefined {
  return triggers
    .filter((t) => t.script === script)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))[0];
}

export function bindScript(
  written: ContractFile,
  script: WindmillScript,
  trigger: WindmillHttpTrigger | undefined,
): BoundContract {
  const contract: ContractFile = {
    ...written,
    ...(written.operational ? { operational: { ...written.operational } } : {}),
    ...(written.auth ? { auth: { ...written.auth } } : {}),
  };
  const sources: BoundContract['sources'] = [];
  const conflicts: BoundContract['conflicts'] = [];
  const set = (
    field: string[],
    value: unknown,
    file: string,
    at: string,
    from: string,
    assign: () => void,
  ): void => {
    if (value === undefined) return;
    let node: unknown = written;
    for (const key of field) node = (node as Record<string, unknown> | undefined)?.[key];
    if (node !== undefined) {
      conflicts.push({
        field,
        message: `\`${field.join('.')}\` is read from Windmill (${from} in \`${file}\`): remove it here, one place per fact`,
      });
      return;
    }
    assign();
    sources.push({ pointer: `/${field.join('/')}`, file, at });
  };
  const operational = () => (contract.operational ??= {});
  if (written.owner === PLACEHOLDER_OWNER) {
    conflicts.push({
      field: ['owner'],
      message: `set \`owner\` to the GitHub team or user that owns ${script.path}: it approves breaking changes (\`init --from-windmill --owner @org/team\` writes it)`,
    });
  }

  const meta = script.meta;
  const timeout = positiveNumber(meta.timeout);
  set(['operational', 'timeoutMs'], timeout, script.file, '/timeout', '`timeout`', () => {
    operational().timeoutMs = Math.round((timeout as number) * 1000);
  });
  const limit = positiveInt(meta.concurrent_limit);
  const window = positiveInt(meta.concurrency_time_window_s);
  set(['operational', 'concurrency'], limit, script.file, '/concurrent_limit', '`concurrent_limit`', () => {
    operational().concurrency = { limit: limit as number, ...(window ? { windowSeconds: window } : {}) };
    if (window) {
      sources.push({
        pointer: '/operational/concurrency/windowSeconds',
        file: script.file,
        at: '/concurrency_time_window_s',
      });
    }
  });

  if (trigger !== undefined) {
    const mode = trigger.requestType === undefined ? undefined : MODES[trigger.requestType];
    set(
      ['operational', 'responseMode'],
      mode,
      trigger.file,
      trigger.at.requestType ?? '',
      '`request_type`',
      () => {
        operational().responseMode = mode as 'sync' | 'async' | 'stream';
      },
    );
    const http =
      trigger.route !== undefined && trigger.method !== undefined
        ? { route: trigger.route, method: trigger.method }
        : undefined;
    set(['http'], http, trigger.file, trigger.at.route ?? '', '`route_path`', () => {
      contract.http = http as NonNullable<ContractFile['http']>;
    });
    set(
      ['auth', 'scheme'],
      trigger.auth,
      trigger.file,
      trigger.at.auth ?? '',
      '`authentication_method`',
      () => {
        contract.auth = { ...contract.auth, scheme: trigger.auth as string };
      },
    );
  }
  return { contract, sources, conflicts };
}
