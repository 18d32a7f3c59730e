import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../setup/paths.js';

const MAX_LINES = 15;
const START = /^(\w+)\.(get|post|put|delete|patch|all)\(/;
const END = /^\}\)?;?\s*$|^\);\s*$/;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return routeFiles(path);
    return /routes\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/**
 * Handlers stay thin (parse → authorize → one use case → render or redirect, docs/architecture.md): a handler is
 * the function a module's routes file registers at the top level (Biome formats each as `xRoutes.get(…, … => {` and
 * a closing `});` at the start of a line); its body may not run over fifteen lines.
 */
function longHandlers(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const long: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!START.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && !END.test(lines[j]) && !START.test(lines[j])) j++;
    const body = j - i - 1;
    if (body > MAX_LINES) long.push(`${relative(ROOT, file)}:${i + 1} ${lines[i].trim()} (${body} lines)`);
    i = j - 1;
  }
  return long;
}

describe('thin handlers', () => {
  it(`keeps every route handler at ${MAX_LINES} lines or fewer`, () => {
    const files = routeFiles(join(ROOT, 'src'));
    // The check looks at the real tree: the modules' routes files, the auth routes among them.
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(join('auth', 'routes.tsx')))).toBe(true);
    expect(files.flatMap(longHandlers)).toEqual([]);
  });

  it('finds a handler that runs long (the check can fail)', () => {
    const body = Array.from({ length: MAX_LINES + 1 }, (_, i) => `  const x${i} = ${i};`).join('\n');
    const dir = join(ROOT, 'test', 'artifacts', 'tmp');
    const file = join(dir, 'long-routes.tsx.txt');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `demoRoutes.get('/', async (c) => {\n${body}\n  return c.text('');\n});\n`);
    expect(longHandlers(file)).toHaveLength(1);
  });
});
