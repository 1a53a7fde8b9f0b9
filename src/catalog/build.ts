/** A loaded contract tree (and, when read, its git history) as the catalog's plain data. */
import { daysLeft } from '../consumers/deprecation-reminders.js';
import { replacementOf } from '../consumers/deprecations.js';
import type { ContractSet, LoadedEndpoint, LoadedVersion } from '../model/types.js';
import { fieldTable } from './fields.js';
import type { History } from './history.js';
import type {
  AliasEntry,
  Catalog,
  CatalogSource,
  ConsumerEntry,
  ConsumerRef,
  EndpointEntry,
  EndpointStatus,
  HistoryEvent,
  MajorDeadline,
  MajorEntry,
  TimelineLane,
} from './types.js';

export interface BuildCatalogOptions {
  /** The clock: days left are counted from this day (UTC). */
  now: Date;
  source: CatalogSource;
  /** From `readHistory`; undefined outside a git repository. */
  history?: History;
}

export function buildCatalog(set: ContractSet, opts: BuildCatalogOptions): Catalog {
  const consumers = consumerEntries(set, opts.now);
  const endpoints = [...set.endpoints.values()]
    .sort((a, b) => compareNames(a.name, b.name))
    .map((e) => endpointEntry(e, consumers, opts));
  return {
    today: opts.now.toISOString().slice(0, 10),
    root: set.root,
    source: opts.source,
    endpoints,
    consumers,
    timeline: timeline(endpoints),
    problems: set.problems,
    hasHistory: opts.history !== undefined,
  };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function endpointEntry(
  e: LoadedEndpoint,
  consumers: ConsumerEntry[],
  opts: BuildCatalogOptions,
): EndpointEntry {
  const versions = [...e.versions.values()].sort((a, b) => b.major - a.major);
  const aliases: AliasEntry[] = Object.entries(e.endpoint.aliases ?? {})
    .sort(([a], [b]) => compareNames(a, b))
    .map(([name, major]) => ({ name, major, live: isLive(e.versions.get(major)) }));
  const majors = versions.map((v) => majorEntry(e, v, aliases, consumers, opts.now));
  const live = majors.filter((m) => m.status !== 'retired');
  const deadlines: MajorDeadline[] = live.flatMap((m) =>
    m.deprecation === undefined
      ? []
      : [{ major: m.major, date: m.deprecation.date, daysLeft: m.deprecation.daysLeft }],
  );
  const nextDeadline = deadlines.sort((a, b) => a.daysLeft - b.daysLeft)[0];
  const users = new Set(majors.flatMap((m) => m.consumers.map((c) => c.name)));
  const entry: EndpointEntry = {
    name: e.name,
    owner: e.endpoint.owner,
    route: e.endpoint.route,
    file: e.file,
    aliases,
    majors,
    liveMajors: live.map((m) => m.major),
    consumerCount: users.size,
    status: statusOf(majors, nextDeadline),
  };
  if (e.endpoint.versionHeader !== undefined) entry.versionHeader = e.endpoint.versionHeader;
  if (nextDeadline !== undefined) entry.nextDeadline = nextDeadline;
  const history = opts.history?.get(e.name);
  if (opts.history !== undefined) entry.history = history ?? [];
  return entry;
}

function isLive(version: LoadedVersion | undefined): boolean {
  return version !== undefined && version.contract.status !== 'retired';
}

/** Retired when nothing is live; overdue when a live major's deadline has passed; deprecating when one is set. */
function statusOf(majors: MajorEntry[], next: MajorDeadline | undefined): EndpointStatus {
  if (majors.length > 0 && majors.every((m) => m.status === 'retired')) return 'retired';
  if (next === undefined) return majors.some((m) => m.status === 'deprecated') ? 'deprecating' : 'active';
  return next.daysLeft < 0 ? 'overdue' : 'deprecating';
}

function majorEntry(
  e: LoadedEndpoint,
  v: LoadedVersion,
  aliases: AliasEntry[],
  consumers: ConsumerEntry[],
  now: Date,
): MajorEntry {
  const c = v.contract;
  const users: ConsumerRef[] = consumers
    .filter((consumer) => consumer.uses.some((u) => u.endpoint === e.name && u.major === v.major))
    .map(({ name, owner, kind }) => ({ name, owner, kind }));
  const entry: MajorEntry = {
    major: v.major,
    version: c.version,
    route: e.endpoint.route.replaceAll('{major}', String(v.major)),
    owner: c.owner,
    status: c.status,
    file: v.file,
    aliases: aliases.filter((a) => a.major === v.major).map((a) => a.name),
    consumers: users,
    input: fieldTable(v.input),
    output: fieldTable(v.output),
    errors: c.errors ?? [],
  };
  if (c.deprecation !== undefined) {
    entry.deprecation = { date: c.deprecation.date, daysLeft: daysLeft(c.deprecation.date, now) };
    if (c.deprecation.replacement !== undefined) entry.deprecation.replacement = c.deprecation.replacement;
  }
  if (c.sideEffects !== undefined) entry.sideEffects = c.sideEffects;
  if (c.operational !== undefined) entry.operational = c.operational;
  if (c.auth !== undefined) entry.auth = c.auth;
  return entry;
}

function consumerEntries(set: ContractSet, now: Date): ConsumerEntry[] {
  return set.consumers
    .map(({ file, consumer }) => ({
      name: consumer.name,
      owner: consumer.owner,
      kind: consumer.kind,
      file,
      uses: consumer.uses.map((use) => {
        const version = set.endpoints.get(use.endpoint)?.versions.get(use.version);
        const date = version?.contract.deprecation?.date;
        const replacement =
          version === undefined || date === undefined ? undefined : replacementOf(set, version);
        return {
          endpoint: use.endpoint,
          major: use.version,
          known: version !== undefined,
          ...(date === undefined ? {} : { deadline: { date, daysLeft: daysLeft(date, now) } }),
          ...(replacement === undefined ? {} : { replacement: replacement.major }),
        };
      }),
    }))
    .sort((a, b) => compareNames(a.name, b.name));
}

/**
 * One lane per major with a deadline or a removal: live majors from the tree, removed ones from history
 * (the deprecation day comes from history too, when the status change is in it).
 */
function timeline(endpoints: EndpointEntry[]): TimelineLane[] {
  const lanes: TimelineLane[] = [];
  for (const e of endpoints) {
    const events = e.history ?? [];
    // The last time the major became deprecated: by a status change, or added as deprecated.
    const deprecatedOn = (major: number) =>
      day(
        lastEvent(
          events,
          (h) =>
            h.major === major &&
            (h.kind === 'status-changed' || h.kind === 'major-added') &&
            h.status === 'deprecated',
        ),
      );
    for (const m of e.majors) {
      const retiredOn = day(
        lastEvent(
          events,
          (h) => h.major === m.major && h.kind === 'status-changed' && h.status === 'retired',
        ),
      );
      if (m.deprecation === undefined && m.status !== 'retired') continue;
      const lane: TimelineLane = { endpoint: e.name, major: m.major, consumers: m.consumers.length };
      const since = deprecatedOn(m.major);
      if (since !== undefined) lane.deprecatedOn = since;
      if (m.deprecation !== undefined)
        lane.deadline = { date: m.deprecation.date, daysLeft: m.deprecation.daysLeft };
      if (m.status === 'retired' && retiredOn !== undefined) lane.removedOn = retiredOn;
      lanes.push(lane);
    }
    const present = new Set(e.majors.map((m) => m.major));
    for (const removal of events.filter((h) => h.kind === 'major-removed' && !present.has(h.major))) {
      if (lanes.some((l) => l.endpoint === e.name && l.major === removal.major)) continue;
      const lane: TimelineLane = {
        endpoint: e.name,
        major: removal.major,
        consumers: 0,
        removedOn: removal.commit.date.slice(0, 10),
      };
      const since = deprecatedOn(removal.major);
      if (since !== undefined) lane.deprecatedOn = since;
      lanes.push(lane);
    }
  }
  return lanes.sort((a, b) => laneDay(a).localeCompare(laneDay(b)) || compareNames(a.endpoint, b.endpoint));
}

function lastEvent(events: HistoryEvent[], match: (h: HistoryEvent) => boolean): HistoryEvent | undefined {
  return events.filter(match).at(-1);
}

function day(event: HistoryEvent | undefined): string | undefined {
  return event?.commit.date.slice(0, 10);
}

/** When a lane ends: its removal, else its deadline. */
function laneDay(lane: TimelineLane): string {
  return lane.removedOn ?? lane.deadline?.date ?? '9999-12-31';
}
