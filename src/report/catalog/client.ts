/**
 * The catalog pages' only script, inlined (its hash is in the page's Content-Security-Policy). The pages are
 * complete without it; it adds filtering as you type and sortable columns. It never builds markup: it reads
 * `data-*` attributes and text, and hides or reorders rows that are already there, so nothing from a contract
 * file can be turned into HTML in the browser.
 *
 * - `input#search` filters the rows of every `table[data-filter]`: a row stays when each word typed is in its
 *   `data-search` text; `[data-count-for=<table id>]` says how many are shown and `[data-empty-for]` shows
 *   when none is.
 * - Each `th > button.sort` of a `table.sortable` sorts by that column's cells (their `data-sort`, else their
 *   text; numbers as numbers, empty cells last) and sets `aria-sort` on its header; pressed again, reverses.
 * - `/` moves the focus to the search box (unless typing somewhere already).
 */
export const CATALOG_SCRIPT = `(function () {
  'use strict';
  var search = document.getElementById('search');

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
  }

  function filter() {
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    document.querySelectorAll('table[data-filter]').forEach(function (table) {
      var shown = 0;
      var rows = rowsOf(table);
      rows.forEach(function (row) {
        var text = (row.getAttribute('data-search') || row.textContent).toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.classList.toggle('hidden', !match);
        if (match) shown++;
      });
      var count = document.querySelector('[data-count-for="' + table.id + '"]');
      if (count) {
        var noun = count.getAttribute('data-noun') || 'rows';
        count.textContent = words.length ? shown + ' of ' + rows.length + ' ' + noun + ' shown' : rows.length + ' ' + noun;
      }
      var empty = document.querySelector('[data-empty-for="' + table.id + '"]');
      if (empty) empty.hidden = shown !== 0;
    });
  }

  function sortValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return '';
    var value = cell.getAttribute('data-sort');
    return (value === null ? cell.textContent : value).trim();
  }

  function sortBy(table, th) {
    var index = th.cellIndex;
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var rows = rowsOf(table);
    var values = rows.map(function (row) { return sortValue(row, index); });
    var numeric = values.every(function (v) { return v === '' || !isNaN(Number(v)); });
    var order = rows.map(function (row, i) { return { row: row, value: values[i], i: i }; });
    order.sort(function (a, b) {
      if (a.value === '' || b.value === '') return (a.value === '') - (b.value === '') || a.i - b.i;
      var c = numeric ? Number(a.value) - Number(b.value) : a.value.localeCompare(b.value, 'en', { numeric: true });
      return (ascending ? c : -c) || a.i - b.i;
    });
    var body = table.tBodies[0];
    order.forEach(function (o) { body.appendChild(o.row); });
    table.querySelectorAll('thead th').forEach(function (other) {
      if (other === th) other.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      else if (other.querySelector('button.sort')) other.setAttribute('aria-sort', 'none');
    });
  }

  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th > button.sort').forEach(function (button) {
      button.addEventListener('click', function () { sortBy(table, button.parentElement); });
    });
  });

  if (search) {
    search.addEventListener('input', filter);
    if (search.value) filter();
    document.addEventListener('keydown', function (event) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      search.focus();
    });
  }
})();
`;
