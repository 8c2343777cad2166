import { DOCS_ASSETS } from './documents.js';
import type { StaticAsset } from './types.js';

interface NodeModules {
  createRequire(from: string): { resolve(id: string): string };
}
interface NodeFs {
  promises: { readFile(path: string): Promise<Uint8Array> };
}
interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
  cwd(): string;
}

/**
 * Loads the reference page's files from the `swagger-ui-dist` package installed next to the app,
 * on runtimes with a file system (Node, and Next.js route handlers on the Node runtime). Found by
 * feature detection, so the core imports nothing Node-only; elsewhere the page is simply off.
 */
export function fileSystemDocsAssets(): ((file: string) => Promise<StaticAsset | undefined>) | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const modules = proc?.getBuiltinModule?.('node:module') as NodeModules | undefined;
  const fs = proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (proc === undefined || modules === undefined || fs === undefined) return undefined;
  let root: string | undefined;
  try {
    const manifest = modules.createRequire(`${proc.cwd()}/`).resolve('swagger-ui-dist/package.json');
    root = manifest.slice(0, -'package.json'.length);
  } catch {
    return undefined;
  }
  const cache = new Map<string, StaticAsset>();
  return async (file) => {
    const contentType = Object.hasOwn(DOCS_ASSETS, file) ? DOCS_ASSETS[file] : undefined;
    if (contentType === undefined || root === undefined) return undefined;
    let asset = cache.get(file);
    if (asset === undefined) {
      asset = { body: await fs.promises.readFile(`${root}${file}`), contentType };
      cache.set(file, asset);
    }
    return asset;
  };
}
