import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** A staging folder beside the output folder; `commit` swaps it in whole, `discard` removes it. */
export interface StagedOutputs {
  dir: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Stages a run's outputs so a failure never leaves a half-written result: files go to a folder
 * beside `outDir`, which replaces `outDir` by renames on commit. If the swap fails, the previous
 * result is put back.
 */
export async function stageRunOutputs(outDir: string): Promise<StagedOutputs> {
  const target = resolve(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const staging = join(parent, `.${basename(target)}.staging-${tag}`);
  const previous = join(parent, `.${basename(target)}.previous-${tag}`);
  await mkdir(staging);
  const discard = async (): Promise<void> => { await rm(staging, { recursive: true, force: true }); };
  return {
    dir: staging,
    discard,
    async commit() {
      const hadPrevious = existsSync(target);
      if (hadPrevious) await rename(target, previous);
      try {
        await rename(staging, target);
      } catch (error) {
        if (hadPrevious) await rename(previous, target);
        await discard();
        throw error;
      }
      if (hadPrevious) await rm(previous, { recursive: true, force: true });
    },
  };
}

/** Writes in-memory files as one staged result. */
export async function writeRunOutputs(outDir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const staged = await stageRunOutputs(outDir);
  try {
    for (const [name, content] of Object.entries(files)) {
      if (name !== basename(name)) throw new Error(`output name '${name}' must be a plain file name`);
      await writeFile(join(staged.dir, name), content);
    }
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
}
