/**
 * LISFLOOD-FP parameter files (`.par`): one `keyword value` per line, `#` comments, flags as a
 * keyword alone. We read the keywords of the floodplain (2D) ACC solver; any other keyword is
 * kept and reported as a warning naming it, never dropped silently.
 * Reference: LISFLOOD-FP user manual (University of Bristol), "Parameter file keywords".
 */
export interface ParFile {
  /** Every keyword with its value ('' for flags), lower-cased keys, in file order. */
  entries: { keyword: string; value: string; line: number }[];
}

export function parsePar(text: string): ParFile {
  const entries: ParFile['entries'] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const [keyword, ...rest] = line.split(/\s+/);
    if (keyword) entries.push({ keyword: keyword.toLowerCase(), value: rest.join(' '), line: k + 1 });
  });
  return { entries };
}

/** How we treat each keyword we understand. */
export const KNOWN_KEYWORDS = {
  demfile: 'path', resroot: 'text', dirroot: 'path', sim_time: 'number', initial_tstep: 'number',
  massint: 'number', saveint: 'number', fpfric: 'number', manningfile: 'path', bcifile: 'path', bdyfile: 'path',
  startfile: 'path', startelev: 'flag', acceleration: 'flag', adaptoff: 'flag', cfl: 'number', courant: 'number',
  theta: 'number', depththresh: 'number', rainfall: 'path', elevoff: 'flag', depthoff: 'flag', qoutput: 'flag',
  voutput: 'flag', solver: 'text', arrivaldepth: 'number',
} as const;

export type KnownKeyword = keyof typeof KNOWN_KEYWORDS;
