import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { orpcApp } from './app-orpc.js';
import { oursApp } from './app-ours.js';
import { trpcApp } from './app-trpc.js';
import { type OpShape, opShapes } from './shapes.js';

/** Where the apps are written: under bench/, so node resolution finds the repository's packages. */
export const APPS_DIR = resolve(import.meta.dirname, '../../.typecheck-apps');

/** One app to type-check. */
export interface AppVariant {
  readonly name: string;
  readonly what: string;
  readonly files: (ops: readonly OpShape[]) => Map<string, string>;
  /** `customConditions` of its tsconfig (ours from source: `@lssm/source`). */
  readonly conditions: readonly string[];
}

/** The apps compared: ours from the packages' source (as the repo checks itself), from their built
 * `.d.ts` (as an npm user gets them), oRPC and tRPC. */
export const VARIANTS: readonly AppVariant[] = [
  {
    name: 'ours',
    what: '@lssm/lib.contracts (source, @lssm/source)',
    files: oursApp,
    conditions: ['@lssm/source'],
  },
  { name: 'ours-dist', what: '@lssm/lib.contracts (built .d.ts)', files: oursApp, conditions: [] },
  { name: 'orpc', what: 'oRPC 1 + zod 4', files: orpcApp, conditions: [] },
  { name: 'trpc', what: 'tRPC 11 + zod 4', files: trpcApp, conditions: [] },
];

function tsconfig(conditions: readonly string[]): string {
  const options = {
    target: 'ES2023',
    lib: ['ES2023', 'ES2024.String'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    ...(conditions.length > 0 ? { customConditions: conditions } : {}),
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  };
  return `${JSON.stringify({ compilerOptions: options, include: ['src'] }, null, 2)}\n`;
}

/** Writes every variant's app with `count` ops (replacing earlier ones); returns their directories. */
export function writeApps(count: number, variants: readonly AppVariant[] = VARIANTS): Map<string, string> {
  const ops = opShapes(count);
  const dirs = new Map<string, string>();
  rmSync(APPS_DIR, { recursive: true, force: true });
  for (const variant of variants) {
    const dir = join(APPS_DIR, `${variant.name}-${count}`);
    const files = variant.files(ops);
    files.set('tsconfig.json', tsconfig(variant.conditions));
    files.set('package.json', '{ "private": true, "type": "module" }\n');
    for (const [path, text] of files) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    dirs.set(variant.name, dir);
  }
  return dirs;
}

/** Removes every generated app. */
export function removeApps(): void {
  rmSync(APPS_DIR, { recursive: true, force: true });
}
