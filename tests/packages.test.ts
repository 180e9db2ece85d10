// Issue 24, defect 10: `npm ci` on the oldest Node the project declares warned EBADENGINE (cookie 2
// and content-disposition 3 want Node 22), and better-sqlite3's install script was not in
// allowScripts, which a later npm enforces. Both read from the lockfile `npm ci` installs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../engine/core/paths.js';

interface LockEntry { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean }
const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; allowScripts?: Record<string, boolean | string> };
const lock = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
const nameOf = (path: string): string => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('packages on the declared Node (issue 24, defect 10)', () => {
  it('installs no package whose engines leave out the oldest Node the project declares', () => {
    const oldest = semver.minVersion(manifest.engines.node)?.version ?? '';
    expect(oldest).toMatch(/^20\./);
    // npm reads only the object form of `engines`; an old array form is ignored, as npm ignores it.
    const refusing = installed.flatMap(([path, entry]) => {
      const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      return wanted !== undefined && !semver.satisfies(oldest, wanted) ? [`${nameOf(path)}@${entry.version ?? '?'} wants node ${wanted}`] : [];
    });
    expect(refusing).toEqual([]);
  });

  it('allows every install script in the tree explicitly, and only those', () => {
    const withScripts = [...new Set(installed.filter(([, entry]) => entry.hasInstallScript).map(([path]) => nameOf(path)))].sort();
    // better-sqlite3 builds its native module; msgpackr-extract (BullMQ's msgpackr) loads a prebuilt one.
    expect(withScripts).toEqual(['better-sqlite3', 'msgpackr-extract']);
    expect(Object.keys(manifest.allowScripts ?? {}).sort()).toEqual(withScripts);
  });
});
