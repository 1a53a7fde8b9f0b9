/**
 * The house rules of architecture.json: layers point one way and no file takes part in an import cycle.
 * Imports are read with TypeScript's own pre-processor (type-only imports count: they tie layers too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

interface Layer {
  folders: string[];
  holds: string;
}

const repo = fileURLToPath(new URL('..', import.meta.url));
const { layers } = JSON.parse(readFileSync(join(repo, 'architecture.json'), 'utf8')) as { layers: Layer[] };

function sources(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'dist' || e.name === 'node_modules' ? [] : sources(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Relative imports of one file, as repository paths of `.ts` files. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(repo, file), 'utf8'), true, true);
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) =>
      normalize(join(dirname(file), spec))
        .replace(/\\/g, '/')
        .replace(/\.js$/, '.ts'),
    );
}

/** The layer entry a file belongs to: its folder (`src/diff`) or the file itself (`src/cli.ts`). */
function placeOf(file: string): { folder: string; rank: number } | undefined {
  for (const [rank, layer] of layers.entries()) {
    for (const folder of layer.folders) {
      if (file === folder || file.startsWith(`${folder}/`)) return { folder, rank };
    }
  }
  return undefined;
}

const files = ['src', 'action', 'bot', 'test', 'bench', 'scripts', 'examples'].flatMap(sources);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Strongly connected components of more than one file (Tarjan). */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('architecture', () => {
  it('places every source file of src/, action/ and bot/ in a layer', () => {
    const unplaced = files.filter((f) => /^(src|action|bot)\//.test(f) && placeOf(f) === undefined);
    expect(unplaced).toEqual([]);
  });

  it('has no import pointing up a layer or sideways to another folder of the same layer', () => {
    const offenders: string[] = [];
    for (const [file, imports] of graph) {
      const from = placeOf(file);
      if (from === undefined) continue;
      for (const target of imports) {
        const to = placeOf(target);
        if (to === undefined || to.folder === from.folder) continue;
        if (to.rank >= from.rank)
          offenders.push(`${file} imports ${target} (${to.folder} is not below ${from.folder})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cycles()).toEqual([]);
  });

  it('resolves every relative import to a file that exists', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports.filter((t) => !graph.has(t) && !t.startsWith('node_modules')).map((t) => `${file} → ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('names the layers once each and explains what each holds', () => {
    const folders = layers.flatMap((l) => l.folders);
    expect(new Set(folders).size).toBe(folders.length);
    for (const layer of layers) expect(layer.holds.length).toBeGreaterThan(10);
  });
});
