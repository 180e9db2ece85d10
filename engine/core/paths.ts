import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from `engine/` (tests) or `dist/engine/`. */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('renxing: package.json not found above engine/core');
    dir = parent;
  }
  return dir;
})();

export const BUNDLED_SCENARIOS_DIR = join(PACKAGE_ROOT, 'scenarios');
export const BUNDLED_REGIONS_DIR = join(BUNDLED_SCENARIOS_DIR, 'regions');
/** Compiled JavaScript lives here; worker threads load their entry files from it. */
export const DIST_DIR = join(PACKAGE_ROOT, 'dist');
