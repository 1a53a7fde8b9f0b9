/**
 * The catalog as a static site: `index.html` and one page per endpoint under `endpoints/`, every page
 * complete in itself (inline style and script), linked by relative paths, so the folder works from
 * file://, GitHub Pages or any static host, and moves as a whole.
 */
import type { Catalog } from '../../catalog/types.js';
import { endpointPage } from './endpoint-page.js';
import { indexPage } from './index-page.js';
import { endpointPath } from './parts.js';

export { CATALOG_GENERATOR } from './page.js';

/** The files of the site by path relative to its folder (posix separators). */
export function renderCatalogSite(catalog: Catalog): Map<string, string> {
  const files = new Map<string, string>([['index.html', indexPage(catalog)]]);
  for (const endpoint of catalog.endpoints)
    files.set(endpointPath(endpoint.name), endpointPage(endpoint, catalog));
  return files;
}
