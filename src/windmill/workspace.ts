/**
 * A Windmill workspace read from the texts of its files (the loader hands them over from the same git
 * objects or working tree as the contracts; nothing here touches the disk, the network or runs code):
 * scripts with their argument schemas, and who calls each script — flow steps and schedules with their
 * static arguments, HTTP triggers with their route, method and authentication. Every problem is a
 * `TreeProblem` with the file and, where known, the line.
 */
import { positionIndex } from '../model/position.js';
import type { SourcePosition, TreeProblem } from '../model/types.js';
import { toPointer } from '../schema/pointer.js';
import { parseSchemaText } from '../schema/read.js';
import { SchemaError, type Json } from '../schema/types.js';
import { windmillFile } from './files.js';

export interface WindmillScript {
  /** `f/crm/sync_customers`. */
  path: string;
  /** The `.script.yaml`, relative to the repository root. */
  file: string;
  /** The metadata as written. */
  meta: Record<string, unknown>;
  /** The argument schema with Windmill's `order` (presentation) dropped; undefined when there is none. */
  schema: Json | undefined;
}

export type WindmillCallerKind = 'flow' | 'schedule' | 'http_trigger';

/** A place that calls a script: a flow step, a schedule, an HTTP trigger. */
export interface WindmillCall {
  kind: WindmillCallerKind;
  /** The caller's Windmill path (`f/ops/nightly_sync`). */
  caller: string;
  /** The caller's file, relative to the repository root. */
  file: string;
  /** The script called. */
  script: string;
  /** For messages: `step sync of flow f/ops/nightly_sync`, `schedule f/ops/hourly_sync`. */
  label: string;
  /** The arguments it passes; absent for an HTTP trigger (its callers send them). */
  request?: {
    value: Record<string, unknown>;
    pointer: string;
    args: Record<string, string>;
    unchecked: string[];
  };
}

export interface WindmillHttpTrigger {
  path: string;
  file: string;
  script: string;
  route?: string;
  method?: string;
  /** `sync`, `async` or `sync_sse` (from `is_async` in older files). */
  requestType?: string;
  /** `none`, `windmill`, `api_key`, … (from `requires_auth` in older files). */
  auth?: string;
  /** Pointers of the fields above in `file` (the field they were read from). */
  at: { route?: string; method?: string; requestType?: string; auth?: string };
}

export interface WindmillWorkspace {
  /** The workspace folder, relative to the repository root (`''` for the top). */
  root: string;
  scripts: Map<string, WindmillScript>;
  calls: WindmillCall[];
  triggers: WindmillHttpTrigger[];
  /** Problems of files that could not be read as Windmill files, by file (relative to the repository root). */
  problems: Map<string, TreeProblem[]>;
  /** Line and column of a pointer in one of the files read. */
  position(file: string, pointer: string): SourcePosition | undefined;
}

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the workspace under `root` from `files` (repository path → text; other files are ignored). Files
 * that do not parse, or whose fields have the wrong shape, are left out with a problem.
 */
export function readWorkspace(root: string, files: ReadonlyMap<string, string>): WindmillWorkspace {
  const prefix = root === '' ? '' : `${root}/`;
  const indexes = new Map<string, (pointer: string) => SourcePosition | undefined>();
  const position = (file: string, pointer: string): SourcePosition | undefined => {
    let index = indexes.get(file);
    if (index === undefined) {
      const text = files.get(file);
      if (text === undefined) return undefined;
      index = positionIndex(text, file);
      indexes.set(file, index);
    }
    return index(pointer);
  };
  const workspace: WindmillWorkspace = {
    root,
    scripts: new Map(),
    calls: [],
    triggers: [],
    problems: new Map(),
    position,
  };
  const problem = (file: string, message: string, pointer?: string): void => {
    const at = pointer === undefined ? undefined : position(file, pointer);
    const list = workspace.problems.get(file) ?? [];
    list.push({ file, message, ...(at ? { line: at.line, column: at.column } : {}) });
    workspace.problems.set(file, list);
  };

  for (const file of [...files.keys()].sort()) {
    if (!file.startsWith(prefix)) continue;
    const kind = windmillFile(file.slice(prefix.length));
    if (kind === undefined) continue;
    const text = files.get(file) as string;
    let data: Json;
    try {
      data = parseSchemaText(text, { file, format: 'yaml' });
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      const list = workspace.problems.get(file) ?? [];
      list.push({
        file,
        message: `Windmill ${kind.kind.replace('_', ' ')} file does not parse: ${error.problem}`,
        ...(error.line === undefined ? {} : { line: error.line }),
      });
      workspace.problems.set(file, list);
      continue;
    }
    if (!isMapping(data)) {
      problem(file, `expected a mapping of Windmill ${kind.kind.replace('_', ' ')} settings`);
      continue;
    }
    switch (kind.kind) {
      case 'script':
        readScript(workspace, kind.path, file, data, problem);
        break;
      case 'flow':
        readFlow(workspace, kind.path, file, data);
        break;
      case 'schedule':
        readSchedule(workspace, kind.path, file, data, problem);
        break;
      case 'http_trigger':
        readTrigger(workspace, kind.path, file, data, problem);
        break;
    }
  }
  return workspace;
}

type Problem = (file: string, message: string, pointer?: string) => void;

function readScript(
  workspace: WindmillWorkspace,
  script: string,
  file: string,
  meta: Mapping,
  problem: Problem,
): void {
  const schema = meta.schema;
  if (schema !== undefined && schema !== null && !isMapping(schema) && typeof schema !== 'boolean') {
    problem(file, '`schema` must be a JSON Schema (a mapping) of the script’s arguments', '/schema');
    return;
  }
  workspace.scripts.set(script, {
    path: script,
    file,
    meta,
    schema: schema === undefined || schema === null ? undefined : withoutOrder(schema as Json),
  });
}

/**
 * The schema without Windmill's `order` arrays (the order the UI shows the arguments in: presentation, not
 * a change). Only an `order` that is a list of names beside `properties` is dropped; a property named
 * `order` is a name inside `properties`, never touched.
 */
export function withoutOrder(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(withoutOrder);
  if (!isMapping(schema)) return schema;
  const out: Mapping = {};
  const dropOrder =
    Array.isArray(schema.order) &&
    schema.order.every((name) => typeof name === 'string') &&
    ('properties' in schema || 'type' in schema);
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'order' && dropOrder) continue;
    if (key === 'properties' && isMapping(value)) {
      const properties: Mapping = {};
      for (const [name, child] of Object.entries(value)) properties[name] = withoutOrder(child as Json);
      out[key] = properties;
    } else {
      out[key] = typeof value === 'object' && value !== null ? withoutOrder(value as Json) : value;
    }
  }
  return out as Json;
}

/** The static arguments of an `input_transforms` or `args` mapping at `pointer`. */
function requestOf(
  transforms: Mapping,
  pointer: (string | number)[],
  staticOnly: boolean,
): NonNullable<WindmillCall['request']> {
  const value: Mapping = {};
  const args: Record<string, string> = {};
  const unchecked: string[] = [];
  for (const [name, transform] of Object.entries(transforms)) {
    if (!staticOnly) {
      value[name] = transform;
      args[name] = toPointer([...pointer, name]);
      continue;
    }
    if (!isMapping(transform)) continue;
    if (transform.type === 'static') {
      // A static transform without a value passes nothing: the script's default applies.
      if (transform.value === undefined) continue;
      value[name] = transform.value;
      args[name] = toPointer([...pointer, name, 'value']);
    } else {
      unchecked.push(name);
    }
  }
  return { value, pointer: toPointer(pointer), args, unchecked };
}

/** Every step of a flow that calls a script, at any depth (loops, branches, failure module). */
function readFlow(workspace: WindmillWorkspace, flow: string, file: string, data: Mapping): void {
  const stack: [unknown, (string | number)[], string | undefined][] = [[data.value, ['value'], undefined]];
  const found: WindmillCall[] = [];
  while (stack.length > 0) {
    const [node, at, id] = stack.pop() as [unknown, (string | number)[], string | undefined];
    if (Array.isArray(node)) {
      // Pushed last first, so steps come out in the order they are written.
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], [...at, i], id]);
      continue;
    }
    if (!isMapping(node)) continue;
    const stepId = typeof node.id === 'string' ? node.id : id;
    if (node.type === 'script' && typeof node.path === 'string') {
      // A step pinned to a deployment hash runs that exact version: no change to the script reaches it.
      if (typeof node.hash === 'string' && node.hash !== '') continue;
      const transforms = isMapping(node.input_transforms) ? node.input_transforms : {};
      const label = `step ${stepId ?? '?'} of flow ${flow}`;
      found.push({
        kind: 'flow',
        caller: flow,
        file,
        script: node.path,
        label,
        request: requestOf(transforms, [...at, 'input_transforms'], true),
      });
      continue;
    }
    for (const [key, child] of Object.entries(node).reverse()) {
      if (typeof child === 'object' && child !== null) stack.push([child, [...at, key], stepId]);
    }
  }
  workspace.calls.push(...found);
}

function readSchedule(
  workspace: WindmillWorkspace,
  schedule: string,
  file: string,
  data: Mapping,
  problem: Problem,
): void {
  if (data.is_flow === true || typeof data.script_path !== 'string') return;
  const args = data.args ?? {};
  if (!isMapping(args)) {
    problem(file, '`args` must be a mapping of argument names to values', '/args');
    return;
  }
  workspace.calls.push({
    kind: 'schedule',
    caller: schedule,
    file,
    script: data.script_path,
    label: `schedule ${schedule}`,
    request: requestOf(args, ['args'], false),
  });
}

function readTrigger(
  workspace: WindmillWorkspace,
  trigger: string,
  file: string,
  data: Mapping,
  problem: Problem,
): void {
  if (data.is_flow === true || typeof data.script_path !== 'string') return;
  const text = (key: string): string | undefined => {
    const value = data[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      problem(file, `\`${key}\` must be a string`, `/${key}`);
      return undefined;
    }
    return value;
  };
  const found: WindmillHttpTrigger = { path: trigger, file, script: data.script_path, at: {} };
  const route = text('route_path');
  if (route !== undefined) [found.route, found.at.route] = [route, '/route_path'];
  const method = text('http_method');
  if (method !== undefined) [found.method, found.at.method] = [method.toLowerCase(), '/http_method'];
  const requestType = text('request_type');
  if (requestType !== undefined) [found.requestType, found.at.requestType] = [requestType, '/request_type'];
  else if (typeof data.is_async === 'boolean')
    [found.requestType, found.at.requestType] = [data.is_async ? 'async' : 'sync', '/is_async'];
  const auth = text('authentication_method');
  if (auth !== undefined) [found.auth, found.at.auth] = [auth, '/authentication_method'];
  else if (typeof data.requires_auth === 'boolean')
    [found.auth, found.at.auth] = [data.requires_auth ? 'windmill' : 'none', '/requires_auth'];
  workspace.triggers.push(found);
  workspace.calls.push({
    kind: 'http_trigger',
    caller: trigger,
    file,
    script: data.script_path,
    label: `HTTP trigger ${trigger}`,
  });
}
