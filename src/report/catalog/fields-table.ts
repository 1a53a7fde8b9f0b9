/** A request or response schema as a table of fields: path, type, required, description and constraints. */
import type { FieldRow, FieldTable } from '../../catalog/types.js';
import { type Html, html } from './html.js';
import { constraintTexts, plural, typeText } from './words.js';

export function fieldsTable(table: FieldTable, caption: string): Html {
  const intro = [
    table.description === undefined ? undefined : html`<p class="desc">${table.description}</p>`,
    html`<p class="note">
      From
      <code>${table.file}</code
      >${table.types.join() === 'object' ? '' : html` · the body is ${typeText(table.types)}`}${table.closed ? ' · fields not listed are refused' : ''}.
    </p>`,
  ];
  if (table.rows.length === 0) {
    return html`${intro}
      <p class="empty">
        No fields are declared:
        ${table.types.includes('any') ? 'any body is accepted' : `the body is ${typeText(table.types)}`}.
      </p>`;
  }
  const truncated =
    table.truncated === undefined
      ? undefined
      : html`<p class="note">
          Only the first ${plural(table.truncated.shown, 'field')} are shown; see the schema file for the
          rest.
        </p>`;
  return html`${intro}
    <table class="fields cards">
      <caption>
        ${caption}: ${plural(table.rows.length, 'field')}
      </caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Description and constraints</th>
        </tr>
      </thead>
      <tbody>
        ${table.rows.map(fieldRow)}
      </tbody>
    </table>
    ${truncated}`;
}

function fieldRow(row: FieldRow): Html {
  // `customers[].` is shown muted before `email`, so nested fields read as such.
  const dot = row.path.lastIndexOf('.');
  const parent = dot >= 0 ? row.path.slice(0, dot + 1) : row.path.endsWith('[]') ? row.path.slice(0, -2) : '';
  const name = row.path.slice(parent.length);
  const depth = Math.min(Math.max(row.depth, 0), 6);
  const constraints = constraintTexts(row);
  const notes = [
    row.variants === undefined
      ? undefined
      : html`<span class="note">Only in ${row.variants.join(', ')}.</span>`,
    row.recursive === undefined
      ? undefined
      : html`<span class="note"
          >Recursive: the same shape as
          ${row.recursive === '' ? 'the whole body' : html`<code>${row.recursive}</code>`}.</span
        >`,
  ];
  return html`<tr>
    <th scope="row" class="field d${depth}">
      <code>${parent === '' ? '' : html`<span class="parent">${parent}</span>`}${name}</code>
    </th>
    <td data-label="Type">
      ${typeText(row.types, row.itemTypes)}${row.definition === undefined ? '' : html`<span class="sub">${row.definition}</span>`}
    </td>
    <td data-label="Required">
      ${row.required ? html`<span class="req">required</span>` : html`<span class="opt">optional</span>`}
    </td>
    <td class="wide" data-label="Description">
      ${row.description ?? ''}${notes}${
        constraints.length === 0
          ? ''
          : html`<ul class="constraints">
              ${constraints.map((c) => html`<li>${c}</li>`)}
            </ul>`
      }
    </td>
  </tr>`;
}
