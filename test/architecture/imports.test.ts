import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/load.js';
import { COLLECTIONS } from '../../src/store/index.js';

/**
 * The import graph of the production code (src/, jobs/, bench/), read with TypeScript's own pre-processor
 * (static imports, re-exports and dynamic `import()` alike), and the rules docs/architecture.md states for it.
 */

const ROOTS = ['src', 'jobs', 'bench'];

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** The room a file lives in: `jobs`, `bench`, `src/<folder>`, or a top-level `src/<file>.ts`. */
function roomOf(file: string): string {
  const [top, second] = file.split(path.sep);
  if (top !== 'src') return top!;
  return second!.endsWith('.ts') ? `src/${second!.replace(/\.ts$/, '')}` : `src/${second}`;
}

interface Edge {
  from: string;
  to: string;
}

const files = ROOTS.flatMap(tsFiles);
const sources = new Map(files.map((f) => [f, readFileSync(path.join(projectRoot, f), 'utf8')]));
const packages = new Map<string, Set<string>>();
const edges: Edge[] = [];
for (const [file, text] of sources) {
  const pre = ts.preProcessFile(text, true, true);
  for (const { fileName: spec } of pre.importedFiles) {
    if (!spec.startsWith('.')) {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      packages.set(file, (packages.get(file) ?? new Set()).add(pkg));
      continue;
    }
    const to = path.normalize(path.join(path.dirname(file), spec)).replace(/\.js$/, '.ts');
    edges.push({ from: file, to });
  }
}
const roomEdges = edges.filter((e) => roomOf(e.from) !== roomOf(e.to));
const importers = (room: string) => [
  ...new Set(roomEdges.filter((e) => roomOf(e.to) === room).map((e) => e.from)),
];

describe('imports run one way', () => {
  it('reads the graph it judges (a parser that saw nothing would pass everything)', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const [from, to] of [
      ['src/pipeline', 'src/store'],
      ['src/pipeline', 'src/fetch'],
      ['src/fleet', 'jobs'],
      ['src/cli', 'src/fleet'],
      ['jobs', 'src/pipeline'],
    ]) {
      expect(
        roomEdges.some((e) => roomOf(e.from) === from && roomOf(e.to) === to),
        `${from} → ${to}`,
      ).toBe(true);
    }
  });

  it('only the CLI, the composition root (src/fleet) and the bench import jobs/', () => {
    const allowed = new Set(['src/cli', 'src/fleet', 'bench']);
    expect(importers('jobs').filter((f) => !allowed.has(roomOf(f)))).toEqual([]);
  });

  it('no pipeline stage, ops/ or config/ module imports jobs/', () => {
    const below = ['src/pipeline', 'src/ops', 'src/config', 'src/fetch', 'src/extract', 'src/store'];
    expect(importers('jobs').filter((f) => below.includes(roomOf(f)))).toEqual([]);
  });

  it('config/ imports nothing of services/', () => {
    expect(
      roomEdges.filter((e) => roomOf(e.from) === 'src/config' && roomOf(e.to) === 'src/services'),
    ).toEqual([]);
  });

  it('pure text stages import no I/O layer', () => {
    const pure = ['src/url', 'src/decode', 'src/extract', 'src/normalise', 'src/dedupe', 'src/indicators'];
    const io = [
      'src/fetch',
      'src/store',
      'src/redis',
      'src/services',
      'src/pipeline',
      'src/ops',
      'src/fleet',
      'jobs',
    ];
    expect(roomEdges.filter((e) => pure.includes(roomOf(e.from)) && io.includes(roomOf(e.to)))).toEqual([]);
  });

  it('no module outside src/store knows MongoDB: no driver import, no collection named', () => {
    const outside = [...sources].filter(([f]) => roomOf(f) !== 'src/store');
    expect(outside.filter(([f]) => packages.get(f)?.has('mongodb')).map(([f]) => f)).toEqual([]);
    const names = COLLECTIONS.join('|');
    const naming = new RegExp(`\\.collection\\(|\\.cols\\.|\\b(db|mongo|client)\\.(${names})\\b`);
    expect(outside.filter(([, text]) => naming.test(text)).map(([f]) => f)).toEqual([]);
  });

  it('the rooms form no circle: every import points down a fixed order', () => {
    const rooms = [...new Set(files.map(roomOf))];
    const next = new Map(rooms.map((r) => [r, new Set<string>()]));
    for (const e of roomEdges) next.get(roomOf(e.from))!.add(roomOf(e.to));
    // Kahn's algorithm: what is left after peeling off rooms nobody imports sits on a circle.
    const indegree = new Map(rooms.map((r) => [r, 0]));
    for (const targets of next.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
    const queue = rooms.filter((r) => indegree.get(r) === 0);
    const order: string[] = [];
    while (queue.length) {
      const r = queue.shift()!;
      order.push(r);
      for (const t of next.get(r) ?? []) {
        indegree.set(t, indegree.get(t)! - 1);
        if (indegree.get(t) === 0) queue.push(t);
      }
    }
    const circle = rooms.filter((r) => !order.includes(r));
    const why = circle.flatMap((r) =>
      roomEdges
        .filter((e) => roomOf(e.from) === r && circle.includes(roomOf(e.to)))
        .map((e) => `${e.from} → ${e.to}`),
    );
    expect(why).toEqual([]);
  });
});
