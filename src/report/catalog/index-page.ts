/** The catalog's front page: every endpoint at a glance, the deadlines on a timeline, every consumer. */
import type { AliasEntry, Catalog, ConsumerEntry, EndpointEntry, TimelineLane } from '../../catalog/types.js';
import { type Html, html } from './html.js';
import { page } from './page.js';
import { badge, crumb, deadlineText, endpointPath, sortHeader } from './parts.js';
import { timelineSvg } from './timeline.js';
import { plural, STATUS_RANK } from './words.js';

export function indexPage(catalog: Catalog): string {
  const body = html`<h1>Contract catalog</h1>
    <p class="lede">
      Every internal endpoint in <code>${catalog.root}</code>: who owns it, which majors are live, where its
      aliases point, who calls it and what is due when.
    </p>
    ${stats(catalog)} ${problems(catalog)}
    <section aria-labelledby="endpoints-heading">
      <h2 id="endpoints-heading">Endpoints</h2>
      <div class="search" role="search">
        <label for="search">Search</label>
        <input
          type="search"
          id="search"
          name="q"
          autocomplete="off"
          spellcheck="false"
          placeholder="endpoint, owner, alias or consumer"
          aria-describedby="search-hint"
        />
        <p class="count" id="search-hint">
          <span data-count-for="endpoints" data-noun="endpoints" aria-live="polite"
            >${plural(catalog.endpoints.length, 'endpoint')}</span
          >
          · press <kbd>/</kbd> to search
        </p>
      </div>
      ${endpointsTable(catalog.endpoints)}
      <p class="empty" data-empty-for="endpoints" hidden>No endpoint matches the search.</p>
    </section>
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Deprecations and removals</h2>
      ${timeline(catalog)}
    </section>
    <section aria-labelledby="consumers-heading">
      <h2 id="consumers-heading">Consumers</h2>
      ${consumersTable(catalog.consumers)}
      <p class="empty" data-empty-for="consumers" hidden>No consumer matches the search.</p>
    </section>`;
  return page({ title: 'Contract catalog', toRoot: '', trail: crumb('Endpoints'), body, catalog });
}

function stats(catalog: Catalog): Html {
  const live = catalog.endpoints.reduce((n, e) => n + e.liveMajors.length, 0);
  const due = catalog.timeline.filter((l) => l.deadline !== undefined && l.removedOn === undefined).length;
  const overdue = catalog.timeline.filter(
    (l) => (l.deadline?.daysLeft ?? 0) < 0 && l.removedOn === undefined,
  ).length;
  const item = (n: number, what: string) =>
    html`<li><span class="n">${n.toLocaleString('en-US')}</span><span class="what">${what}</span></li>`;
  return html`<ul class="stats" aria-label="Summary">
    ${item(catalog.endpoints.length, catalog.endpoints.length === 1 ? 'endpoint' : 'endpoints')}
    ${item(live, live === 1 ? 'live major' : 'live majors')}
    ${item(catalog.consumers.length, catalog.consumers.length === 1 ? 'consumer' : 'consumers')}
    ${item(due, due === 1 ? 'deprecation deadline' : 'deprecation deadlines')}
    ${overdue > 0 ? item(overdue, 'overdue') : undefined}
  </ul>`;
}

function problems(catalog: Catalog): Html | undefined {
  if (catalog.problems.length === 0) return undefined;
  const shown = catalog.problems.slice(0, 10);
  return html`<div class="notice" role="note">
    <strong>${plural(catalog.problems.length, 'problem')} in the contract tree:</strong> what they affect is
    missing below. Run <code>contractguard check</code> for details.
    <ul>
      ${shown.map((p) => html`<li><code>${p.file}${p.line === undefined ? '' : `:${p.line}`}</code>: ${p.message}</li>`)}
    </ul>
    ${catalog.problems.length > shown.length ? html`<p>…and ${catalog.problems.length - shown.length} more.</p>` : undefined}
  </div>`;
}

function endpointsTable(endpoints: EndpointEntry[]): Html {
  return html`<div class="table-wrap">
    <table id="endpoints" class="sortable cards" data-filter>
      <caption class="visually-hidden">
        Endpoints; the column buttons sort the table
      </caption>
      <thead>
        <tr>
          ${[
            sortHeader('Endpoint', 'ascending'),
            sortHeader('Owner'),
            sortHeader('Live majors'),
            html`<th scope="col">Aliases</th>`,
            sortHeader('Consumers'),
            sortHeader('Next deadline'),
            sortHeader('Status'),
          ]}
        </tr>
      </thead>
      <tbody>
        ${endpoints.map(endpointRow)}
      </tbody>
    </table>
  </div>`;
}

function endpointRow(e: EndpointEntry): Html {
  const consumers = e.majors.flatMap((m) => m.consumers.flatMap((c) => [c.name, c.owner]));
  const search = [
    e.name,
    e.owner,
    e.route,
    ...e.aliases.map((a) => `${a.name} v${a.major}`),
    ...consumers,
    e.status,
  ];
  return html`<tr data-search="${search.join(' ')}">
    <th scope="row" data-sort="${e.name}">
      <a href="${endpointPath(e.name)}">${e.name}</a><span class="sub mono">${e.route}</span>
    </th>
    <td data-label="Owner" class="nowrap">${e.owner}</td>
    <td data-label="Live majors" data-sort="${e.liveMajors.length}">
      ${e.liveMajors.length === 0 ? html`<span class="empty">none</span>` : e.liveMajors.map((m) => `v${m}`).join(', ')}
    </td>
    <td data-label="Aliases">${aliasChips(e)}</td>
    <td data-label="Consumers" data-sort="${e.consumerCount}">${e.consumerCount}</td>
    <td data-label="Next deadline" data-sort="${e.nextDeadline?.daysLeft ?? ''}">
      ${e.nextDeadline === undefined ? html`<span class="empty">none</span>` : html`v${e.nextDeadline.major}: ${deadlineText(e.nextDeadline)}`}
    </td>
    <td data-label="Status" data-sort="${STATUS_RANK[e.status]}">${badge(e.status)}</td>
  </tr>`;
}

/** One chip per target major: `latest, prod, staging → v3`; an alias to a major that is not live apart. */
function aliasChips(e: EndpointEntry): Html {
  if (e.aliases.length === 0) return html`<span class="empty">none</span>`;
  const groups = new Map<string, AliasEntry[]>();
  for (const alias of e.aliases) {
    const key = `${alias.major} ${alias.live}`;
    groups.set(key, [...(groups.get(key) ?? []), alias]);
  }
  return html`<ul class="chips wrap">
    ${[...groups.values()].map((group) => {
      const { major, live } = group[0] as AliasEntry;
      const names = group.map((a) => a.name).join(', ');
      return live
        ? html`<li>${names} → v${major}</li>`
        : html`<li class="dead">${names} → v${major} (not live)</li>`;
    })}
  </ul>`;
}

function timeline(catalog: Catalog): Html {
  if (catalog.timeline.length === 0) {
    return html`<p class="empty">
      No major is deprecated or
      removed${catalog.hasHistory ? '' : ' (removals appear when the catalog is built in a git repository)'}.
    </p>`;
  }
  return html`<figure class="timeline" tabindex="0" aria-labelledby="timeline-caption">
      ${timelineSvg(catalog.timeline, catalog.today)}
      <figcaption id="timeline-caption">
        Bars run from the day a major was deprecated (or today) to its deadline; ◆ is a deadline, ■ a removal.
        The same facts are in the table below.
      </figcaption>
    </figure>
    ${lanesTable(catalog.timeline)}`;
}

function lanesTable(lanes: TimelineLane[]): Html {
  return html`<div class="table-wrap">
    <table id="deadlines" class="sortable cards">
      <caption class="visually-hidden">
        Deprecation deadlines and removals
      </caption>
      <thead>
        <tr>
          ${[sortHeader('Major'), sortHeader('Deprecated'), sortHeader('Deadline', 'ascending'), sortHeader('Consumers still on it')]}
        </tr>
      </thead>
      <tbody>
        ${lanes.map(
          (l) =>
            html`<tr>
              <th scope="row" data-sort="${l.endpoint} ${String(l.major).padStart(4, '0')}">
                <a href="${endpointPath(l.endpoint)}#v${l.major}">${l.endpoint} v${l.major}</a>
              </th>
              <td data-label="Deprecated" data-sort="${l.deprecatedOn ?? ''}">
                ${l.deprecatedOn ?? html`<span class="empty">not in history</span>`}
              </td>
              <td data-label="Deadline" data-sort="${l.removedOn ?? l.deadline?.date ?? ''}">
                ${
                  l.removedOn !== undefined
                    ? html`${badge('removed')} <time datetime="${l.removedOn}">${l.removedOn}</time>`
                    : l.deadline !== undefined
                      ? deadlineText(l.deadline)
                      : html`${badge('retired')}`
                }
              </td>
              <td data-label="Consumers still on it" data-sort="${l.consumers}">${l.consumers}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function consumersTable(consumers: ConsumerEntry[]): Html {
  if (consumers.length === 0)
    return html`<p class="empty">No consumer is registered (add one under <code>consumers/</code>).</p>`;
  return html`<p class="count">
      <span data-count-for="consumers" data-noun="consumers" aria-live="polite"
        >${plural(consumers.length, 'consumer')}</span
      >
    </p>
    <div class="table-wrap">
      <table id="consumers" class="sortable cards" data-filter>
        <caption class="visually-hidden">
          Registered consumers and the endpoint majors they call
        </caption>
        <thead>
          <tr>
            ${[sortHeader('Consumer', 'ascending'), sortHeader('Owner'), sortHeader('Kind'), html`<th scope="col">Calls</th>`, sortHeader('Must migrate by')]}
          </tr>
        </thead>
        <tbody>
          ${consumers.map(consumerRow)}
        </tbody>
      </table>
    </div>`;
}

function consumerRow(c: ConsumerEntry): Html {
  const due = c.uses
    .filter((u) => u.deadline !== undefined)
    .sort((a, b) => (a.deadline?.daysLeft ?? 0) - (b.deadline?.daysLeft ?? 0))[0];
  const search = [c.name, c.owner, c.kind, ...c.uses.map((u) => `${u.endpoint} v${u.major}`)];
  return html`<tr data-search="${search.join(' ')}">
    <th scope="row" data-sort="${c.name}">${c.name}<span class="sub mono">${c.file}</span></th>
    <td data-label="Owner" class="nowrap">${c.owner}</td>
    <td data-label="Kind">${c.kind}</td>
    <td data-label="Calls" class="wide">
      <ul class="chips">
        ${c.uses.map((u) =>
          u.known
            ? html`<li><a href="${endpointPath(u.endpoint)}#v${u.major}">${u.endpoint} v${u.major}</a></li>`
            : html`<li class="dead">${u.endpoint} v${u.major} (unknown)</li>`,
        )}
      </ul>
    </td>
    <td data-label="Must migrate by" data-sort="${due?.deadline?.daysLeft ?? ''}">
      ${
        due?.deadline === undefined
          ? html`<span class="empty">nothing due</span>`
          : html`${deadlineText(due.deadline)}<span class="sub"
                >off ${due.endpoint}
                v${due.major}${due.replacement === undefined ? '' : ` to v${due.replacement}`}</span
              >`
      }
    </td>
  </tr>`;
}
