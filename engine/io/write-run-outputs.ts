import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** A staging folder beside the output folder; `commit` moves its files in, `discard` removes it. */
export interface StagedOutputs {
  dir: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Lists, in the output folder, the files the last run wrote there: the next run removes only those. */
export const OUTPUT_MANIFEST = '.renxing-outputs.json';

async function manifestOf(dir: string): Promise<string[]> {
  try {
    const names: unknown = JSON.parse(await readFile(join(dir, OUTPUT_MANIFEST), 'utf8'));
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n === basename(n)) : [];
  } catch {
    return [];
  }
}

/** Whether process `pid` is alive on this machine (a signal 0 reaches it, or it exists but is not ours). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the staging and backup folders of `target` that a run killed before it could clean up
 * left behind (`kill -9`, a power cut): those whose process is gone. A live process's, this one's
 * included, are left alone.
 */
export async function removeStaleStaging(target: string): Promise<string[]> {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(staging|previous)-(\d+)-/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || processAlive(pid)) continue;
    await rm(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Stages a run's outputs so a failure never leaves a half-written result: files go to a folder
 * beside `outDir` and are moved in on commit. The output folder may hold other files (a
 * LISFLOOD-FP model writes its results beside its inputs with `dirroot .`): a commit replaces
 * only the files this run writes and those the previous run wrote (its manifest), and leaves
 * everything else alone. If a move fails, the previous files are put back.
 */
export async function stageRunOutputs(outDir: string): Promise<StagedOutputs> {
  const target = resolve(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  await removeStaleStaging(target);
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const staging = join(parent, `.${basename(target)}.staging-${tag}`);
  const previous = join(parent, `.${basename(target)}.previous-${tag}`);
  await mkdir(staging);
  const discard = async (): Promise<void> => { await rm(staging, { recursive: true, force: true }); };
  return {
    dir: staging,
    discard,
    async commit() {
      try {
        await mkdir(target, { recursive: true });
        const written = (await readdir(staging)).filter((n) => n !== OUTPUT_MANIFEST);
        await writeFile(join(staging, OUTPUT_MANIFEST), `${JSON.stringify(written)}\n`);
        const replaced = [...new Set([...written, OUTPUT_MANIFEST, ...(await manifestOf(target))])].filter((n) => existsSync(join(target, n)));
        await mkdir(previous);
        const movedOut: string[] = [];
        const movedIn: string[] = [];
        try {
          for (const name of replaced) {
            await rename(join(target, name), join(previous, name));
            movedOut.push(name);
          }
          for (const name of [...written, OUTPUT_MANIFEST]) {
            await rename(join(staging, name), join(target, name));
            movedIn.push(name);
          }
        } catch (error) {
          for (const name of movedIn) await rm(join(target, name), { force: true });
          for (const name of movedOut) await rename(join(previous, name), join(target, name));
          throw error;
        }
      } finally {
        await rm(previous, { recursive: true, force: true });
        await discard();
      }
    },
  };
}

/** Writes in-memory files as one staged result. */
export async function writeRunOutputs(outDir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const staged = await stageRunOutputs(outDir);
  try {
    for (const [name, content] of Object.entries(files)) {
      if (name !== basename(name) || name === OUTPUT_MANIFEST) throw new Error(`output name '${name}' must be a plain file name`);
      await writeFile(join(staged.dir, name), content);
    }
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
}
