/**
 * The one table of input limits, read by `renxing validate`, `renxing run` and the API alike, and
 * printed in the README and the OpenAPI document (a test checks both against it). A limit keeps
 * one request or one file from taking the machine: each is far above what a real scenario needs
 * (the bundled ones use a small fraction of each). Numeric ranges of single fields (a magnitude,
 * a storm total) live in the scenario schema itself (`engine/scenario/schema.ts`), which the API's
 * OpenAPI document and `schemas/scenario.schema.json` carry; rain totals are further bounded by
 * the world records below.
 */
export interface Limit {
  value: number;
  unit: string;
  /** What is counted, and where the limit applies. */
  what: string;
}

export const LIMITS = {
  scenarioFileBytes: { value: 1_000_000, unit: 'bytes', what: 'size of a scenario file, and of an API request body' },
  packFileBytes: { value: 64 * 1024 * 1024, unit: 'bytes', what: 'size of one YAML or GeoJSON file of a region pack' },
  scenarioKeys: { value: 20_000, unit: 'keys', what: 'mapping keys in a scenario file or request body, all levels together' },
  packFileKeys: { value: 4_000_000, unit: 'keys', what: 'mapping keys in one file of a region pack' },
  nestingDepth: { value: 64, unit: 'levels', what: 'nesting of lists and mappings in any YAML or JSON file or request body' },
  yamlAliases: { value: 100, unit: 'aliases', what: 'YAML aliases (*name) in one file, and the nodes they may expand to' },
  hazards: { value: 100, unit: 'hazards', what: 'hazards in one scenario' },
  realizations: { value: 100_000, unit: 'realizations', what: 'ensemble size of a run from the command line' },
  serverRealizations: { value: 10_000, unit: 'realizations', what: 'ensemble size of a run over the API (`build({ maxRealizations })`)' },
  depthFrames: { value: 1_000, unit: 'frames', what: 'depth rasters a raster-domain run writes (durationH ÷ outputEveryH)' },
  serverRasterCells: { value: 4_000_000, unit: 'cells', what: 'cells of a raster domain run over the API (`build({ maxRasterCells })`)' },
  serverCellFrames: { value: 200_000_000, unit: 'cell-frames', what: 'depth frames × cells of a raster run over the API: 50 frames of the largest raster (`maxRasterCells` × 50)' },
  issuesReported: { value: 200, unit: 'issues', what: 'problems reported for one input (one last line says there were more)' },
  runTimeS: { value: 6 * 3600, unit: 's', what: 'wall time of one run over the API before it fails with RX_ERR_BUDGET (`build({ runTimeoutS })`)' },
  workerHeapMb: { value: 4096, unit: 'MiB', what: 'JavaScript heap of each worker thread of the API (`build({ workerHeapMb })`; `renxing run --worker-heap-mb` sets one for the command line); a realization past it fails its run with RX_ERR_BUDGET' },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** Limits a reader applies to one YAML or JSON text. */
export interface DataLimits {
  bytes: number;
  keys: number;
  depth: number;
  aliases: number;
}

export const SCENARIO_DATA_LIMITS: DataLimits = { bytes: LIMITS.scenarioFileBytes.value, keys: LIMITS.scenarioKeys.value, depth: LIMITS.nestingDepth.value, aliases: LIMITS.yamlAliases.value };
export const PACK_DATA_LIMITS: DataLimits = { bytes: LIMITS.packFileBytes.value, keys: LIMITS.packFileKeys.value, depth: LIMITS.nestingDepth.value, aliases: LIMITS.yamlAliases.value };

/**
 * Greatest point rainfall measured for a duration, from the WMO Global Weather & Climate Extremes
 * Archive (wmo.asu.edu): 1 h Holt, Missouri 1947 (305 mm, fell in 42 min); 12 h and 24 h Foc-Foc,
 * La Réunion, 1966 (1,144 and 1,825 mm); 48 h Cherrapunji 1995 (2,493 mm); 72 h and 96 h Cratère
 * Commerson, La Réunion, 2007 (3,930 and 4,936 mm); one year Cherrapunji 1860–61 (26,470 mm).
 */
export const RAIN_RECORDS_MM: readonly { durationH: number; mm: number; where: string }[] = [
  { durationH: 1, mm: 305, where: 'Holt, Missouri, 1947' },
  { durationH: 12, mm: 1_144, where: 'Foc-Foc, La Réunion, 1966' },
  { durationH: 24, mm: 1_825, where: 'Foc-Foc, La Réunion, 1966' },
  { durationH: 48, mm: 2_493, where: 'Cherrapunji, 1995' },
  { durationH: 72, mm: 3_930, where: 'Cratère Commerson, La Réunion, 2007' },
  { durationH: 96, mm: 4_936, where: 'Cratère Commerson, La Réunion, 2007' },
  { durationH: 8_760, mm: 26_470, where: 'Cherrapunji, 1860–61' },
];

/**
 * The most rain a storm of `durationH` can bring: the world record of the shortest tabulated
 * duration at least as long (records only grow with duration, so this never refuses a storm that
 * has happened). Undefined past a year.
 */
export function rainRecordFor(durationH: number): { durationH: number; mm: number; where: string } | undefined {
  return RAIN_RECORDS_MM.find((r) => r.durationH >= durationH);
}

/** The limits as a Markdown table (README and the OpenAPI description print this). */
export function limitsTable(): string {
  const rows = Object.entries(LIMITS).map(([name, l]) => `| \`${name}\` | ${l.value.toLocaleString('en-US')} ${l.unit} | ${l.what} |`);
  return ['| limit | value | what |', '|---|---|---|', ...rows].join('\n');
}

/**
 * The checks beyond the table, as the OpenAPI description states them: the per-field ranges live in
 * the request schemas themselves; the storm records and the horizon need a sentence.
 */
export function rangeRules(): string {
  const records = RAIN_RECORDS_MM.map((r) => `${r.mm.toLocaleString('en-US')} mm in ${r.durationH === 8_760 ? 'a year' : `${r.durationH} h`}`).join(', ');
  return [
    'Each numeric field of a scenario has a physical range, given as `minimum` and `maximum` in the request schemas.',
    `A storm total, times its \`scale\`, may not pass the world record for its duration (WMO: ${records}; the record of the next tabulated duration bounds the durations between).`,
    "A hazard at or after the run's horizon (`options.horizonH`) is refused, and so is a what-if hour past it.",
  ].join(' ');
}
