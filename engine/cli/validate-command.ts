import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { RenxingError } from '../core/errors.js';
import { loadParModel } from '../flood/lisflood/load-par-model.js';
import { loadRegion } from '../region/load-region.js';
import { readPackData } from '../region/pack-data.js';
import { formatProvenance, packFigures, provenanceIssues, sourcesKeys } from '../region/provenance.js';
import { loadAnyScenario } from '../scenario/load-scenario.js';
import type { CliIo } from './program.js';

/** `validate` takes a scenario file, a LISFLOOD-FP .par file, a pack folder or a pack's region.yaml. */
export async function validateOne(path: string, io: CliIo): Promise<string> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new RenxingError('RX_ERR_FILE_NOT_FOUND', `${path}: no such file or folder`, [{ file: path, path: '', message: 'no such file or folder' }]);
  const packDir = statSync(absolute).isDirectory() ? absolute : basename(absolute) === 'region.yaml' ? dirname(absolute) : undefined;
  if (packDir) {
    const region = await loadRegion(packDir);
    return `${path}: valid region pack '${region.id}' (${region.zones.count} zones, ${region.circles.length} circles, ${region.groups.length} groups)`;
  }
  if (extname(absolute).toLowerCase() === '.par') {
    const run = await loadParModel(absolute);
    for (const warning of run.warnings) io.stderr.write(`warning: ${warning}\n`);
    return `${path}: valid LISFLOOD-FP model (${run.model.nx} × ${run.model.ny} cells of ${run.model.dx} m, ${run.model.options.simTime} s)`;
  }
  const loaded = await loadAnyScenario(absolute);
  if (loaded.kind === 'domain') {
    const { model } = loaded.domain;
    return `${path}: valid scenario '${loaded.scenario.file.id}' on a ${model.nx} × ${model.ny} raster domain of ${model.dx} m cells`;
  }
  return `${path}: valid scenario '${loaded.scenario.file.id}' on region '${loaded.region.id}' (${loaded.scenario.file.hazards.length} hazard(s))`;
}

/**
 * `validate --provenance`: prints a pack's figures by marker and class; false when a figure has no
 * marker or a marker is malformed (each problem on stderr as `<pack>: <message>`).
 */
export async function reportProvenance(path: string, io: CliIo): Promise<boolean> {
  const absolute = resolve(path);
  const packDir = statSync(absolute).isDirectory() ? absolute : basename(absolute) === 'region.yaml' ? dirname(absolute) : undefined;
  if (!packDir) {
    io.stderr.write(`${path}: --provenance reads region packs, not scenario files\n`);
    return false;
  }
  const data = await readPackData(packDir);
  const sourcesPath = join(packDir, 'SOURCES.md');
  const keys = sourcesKeys(existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : '');
  io.stdout.write(formatProvenance(path, packFigures(data)));
  const issues = provenanceIssues(data, keys);
  for (const issue of issues) io.stderr.write(`${path}: ${issue}\n`);
  return issues.length === 0;
}
