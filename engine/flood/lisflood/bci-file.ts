import type { BoundaryKind } from '../grid/model.js';

/**
 * LISFLOOD-FP boundary condition files (`.bci`): `N|S|E|W start end TYPE value-or-name` for a
 * stretch of a domain edge (coordinates along it), `P x y TYPE value-or-name` for a point.
 * TYPE is FREE, HFIX, HVAR, QFIX or QVAR; VAR types name a series in the `.bdy` file.
 * Flows are per unit width (m²/s) for edges and points alike: LISFLOOD-FP multiplies both by the
 * cell size (boundary.cpp), so a point's m³/s is its value × dx.
 */
export interface BciLine {
  line: number;
  where: 'N' | 'S' | 'E' | 'W' | 'P';
  a: number;
  b: number;
  kind: BoundaryKind;
  value?: number;
  series?: string;
}

const KINDS: Record<string, BoundaryKind> = { FREE: 'free', HFIX: 'hfix', HVAR: 'hvar', QFIX: 'qfix', QVAR: 'qvar', CLOSED: 'closed' };

export function parseBci(text: string, file: string): { lines: BciLine[]; problems: string[] } {
  const lines: BciLine[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    const at = `${file}: line ${k + 1}`;
    const clean = raw.replace(/#.*$/, '').trim();
    if (!clean) return;
    const [where, a, b, type, arg] = clean.split(/\s+/);
    const kind = KINDS[(type ?? '').toUpperCase()];
    const side = (where ?? '').toUpperCase();
    if (!['N', 'S', 'E', 'W', 'P'].includes(side)) return void problems.push(`${at}: expected N, S, E, W or P first, got '${where ?? ''}'`);
    if (!Number.isFinite(Number(a)) || !Number.isFinite(Number(b))) return void problems.push(`${at}: expected two coordinates, got '${a ?? ''}' '${b ?? ''}'`);
    if (!kind) return void problems.push(`${at}: unknown boundary type '${type ?? ''}' (expected FREE, HFIX, HVAR, QFIX, QVAR)`);
    if (side === 'P' && (kind === 'free' || kind === 'closed')) return void problems.push(`${at}: a point takes HFIX, HVAR, QFIX or QVAR, not ${type ?? ''}`);
    const entry: BciLine = { line: k + 1, where: side as BciLine['where'], a: Number(a), b: Number(b), kind };
    if (kind === 'hvar' || kind === 'qvar') {
      if (!arg) return void problems.push(`${at}: ${type ?? ''} needs the name of a series in the .bdy file`);
      entry.series = arg;
    } else if (kind === 'hfix' || kind === 'qfix') {
      if (arg === undefined || !Number.isFinite(Number(arg))) return void problems.push(`${at}: ${type ?? ''} needs a number, got '${arg ?? ''}'`);
      entry.value = Number(arg);
    } else if (kind === 'free' && arg !== undefined) {
      if (!(Number(arg) > 0)) return void problems.push(`${at}: a FREE slope must be > 0, got '${arg}'`);
      entry.value = Number(arg);
    }
    lines.push(entry);
  });
  return { lines, problems };
}
