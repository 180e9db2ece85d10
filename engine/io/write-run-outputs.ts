import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes a run's files so that a failure never leaves a half-written result: everything goes to
 * a staging folder beside `outDir`, which then replaces `outDir` by renames. If the swap fails,
 * the previous result is put back.
 */
export async function writeRunOutputs(outDir: string, files: Record<string, string>): Promise<void> {
  const target = resolve(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const staging = join(parent, `.${basename(target)}.staging-${tag}`);
  const previous = join(parent, `.${basename(target)}.previous-${tag}`);
  await mkdir(staging);
  try {
    for (const [name, content] of Object.entries(files)) {
      if (name !== basename(name)) throw new Error(`output name '${name}' must be a plain file name`);
      await writeFile(join(staging, name), content);
    }
    const hadPrevious = existsSync(target);
    if (hadPrevious) await rename(target, previous);
    try {
      await rename(staging, target);
    } catch (error) {
      if (hadPrevious) await rename(previous, target);
      throw error;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
