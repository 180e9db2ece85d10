import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { RenxingError } from '../core/errors.js';
import type { Raster } from './raster.js';

const HEADER_KEYS = ['ncols', 'nrows', 'xllcorner', 'xllcenter', 'yllcorner', 'yllcenter', 'cellsize', 'nodata_value'] as const;

function fail(file: string, path: string, message: string): never {
  throw new RenxingError('RX_ERR_FILE_PARSE', `${file}: ${message}`, [{ file, path, message }]);
}

/**
 * Parses an ESRI ASCII grid (the format LISFLOOD-FP and GIS tools exchange): a header of
 * ncols, nrows, xllcorner|xllcenter, yllcorner|yllcenter, cellsize and optional NODATA_value,
 * then nrows × ncols values, north row first. Nodata cells become NaN.
 */
export function parseAsciiGrid(text: string, file: string): Raster {
  const header = new Map<string, number>();
  let offset = 0;
  let line = 0;
  for (;;) {
    const end = text.indexOf('\n', offset);
    const raw = text.slice(offset, end === -1 ? text.length : end).trim();
    const [key, value, ...rest] = raw.split(/\s+/);
    const name = key?.toLowerCase();
    if (!name || !(HEADER_KEYS as readonly string[]).includes(name)) break;
    line++;
    const number = Number(value);
    if (value === undefined || rest.length > 0 || !Number.isFinite(number)) fail(file, `line ${line}`, `header '${key}' needs one number, got '${raw}'`);
    header.set(name, number);
    offset = end === -1 ? text.length : end + 1;
  }
  const need = (name: string): number => header.get(name) ?? fail(file, 'header', `missing '${name}'`);
  const nx = need('ncols');
  const ny = need('nrows');
  const cellSize = need('cellsize');
  if (!Number.isInteger(nx) || nx < 1 || !Number.isInteger(ny) || ny < 1) fail(file, 'header', `ncols and nrows must be positive integers, got ${nx} × ${ny}`);
  if (!(cellSize > 0)) fail(file, 'header', `cellsize must be > 0, got ${cellSize}`);
  const centre = header.has('xllcenter') ? cellSize / 2 : 0;
  const xll = (header.get('xllcorner') ?? header.get('xllcenter') ?? fail(file, 'header', "missing 'xllcorner' or 'xllcenter'")) - centre;
  const yll = (header.get('yllcorner') ?? header.get('yllcenter') ?? fail(file, 'header', "missing 'yllcorner' or 'yllcenter'")) - (header.has('yllcenter') ? cellSize / 2 : 0);
  const nodata = header.get('nodata_value');

  const data = new Float64Array(nx * ny);
  const tokens = text.slice(offset).split(/\s+/);
  let k = 0;
  for (const token of tokens) {
    if (token === '') continue;
    if (k >= data.length) fail(file, 'data', `more than ${nx} × ${ny} = ${data.length} values`);
    const v = Number(token);
    if (Number.isNaN(v) && token.toLowerCase() !== 'nan') fail(file, `data value ${k + 1} (row ${Math.floor(k / nx) + 1}, column ${(k % nx) + 1})`, `not a number: '${token}'`);
    data[k++] = v === nodata ? Number.NaN : v;
  }
  if (k !== data.length) fail(file, 'data', `expected ${nx} × ${ny} = ${data.length} values, found ${k}`);
  return { nx, ny, xll, yll, cellSize, data };
}

export async function readAsciiGrid(path: string, label = basename(path)): Promise<Raster> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RenxingError('RX_ERR_FILE_NOT_FOUND', `${label}: cannot be read`, [{ file: label, path: '', message: 'no such file or unreadable' }], { cause });
  }
  return parseAsciiGrid(text, label);
}

/** Formats a raster as an ESRI ASCII grid; NaN cells are written as `nodata`, values with `digits` decimals. */
export function formatAsciiGrid(r: Raster, digits = 4, nodata = -9999): string {
  const lines = [`ncols ${r.nx}`, `nrows ${r.ny}`, `xllcorner ${r.xll}`, `yllcorner ${r.yll}`, `cellsize ${r.cellSize}`, `NODATA_value ${nodata}`];
  const row: string[] = new Array<string>(r.nx);
  for (let j = 0; j < r.ny; j++) {
    for (let i = 0; i < r.nx; i++) {
      const v = r.data[j * r.nx + i] as number;
      row[i] = Number.isNaN(v) ? String(nodata) : v.toFixed(digits);
    }
    lines.push(row.join(' '));
  }
  return `${lines.join('\n')}\n`;
}

export async function writeAsciiGrid(path: string, r: Raster, digits?: number): Promise<void> {
  await writeFile(path, formatAsciiGrid(r, digits));
}
