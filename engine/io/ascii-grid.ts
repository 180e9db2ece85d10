import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { RenxingError } from '../core/errors.js';
import type { Raster } from './raster.js';

const HEADER_KEYS = ['ncols', 'nrows', 'xllcorner', 'xllcenter', 'yllcorner', 'yllcenter', 'cellsize', 'nodata_value'] as const;

/** 10^0 … 10^22, each exact in a double (10^23 is not). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

function fail(file: string, path: string, message: string): never {
  throw new RenxingError('RX_ERR_FILE_PARSE', `${file}: ${message}`, [{ file, path, message }]);
}

/** Space, \t, \n, \v, \f, \r: the whitespace that `/\s/` and `Number()` know below U+0080. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * Parses an ESRI ASCII grid (the format LISFLOOD-FP and GIS tools exchange): a header of
 * ncols, nrows, xllcorner|xllcenter, yllcorner|yllcenter, cellsize and optional NODATA_value,
 * then nrows × ncols values, north row first. Nodata cells become NaN. Takes the file's bytes
 * (UTF-8) or its text; the bytes spare decoding the whole file.
 */
export function parseAsciiGrid(text: string | Uint8Array, file: string): Raster {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const header = new Map<string, number>();
  let offset = 0;
  let line = 0;
  for (;;) {
    const end = bytes.indexOf(10, offset);
    const raw = bytes.toString('utf8', offset, end === -1 ? bytes.length : end).trim();
    const [key, value, ...rest] = raw.split(/\s+/);
    const name = key?.toLowerCase();
    if (!name || !(HEADER_KEYS as readonly string[]).includes(name)) break;
    line++;
    const number = Number(value);
    if (value === undefined || rest.length > 0 || !Number.isFinite(number)) fail(file, `line ${line}`, `header '${key}' needs one number, got '${raw}'`);
    header.set(name, number);
    offset = end === -1 ? bytes.length : end + 1;
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
  const grid = { data, nx, ny, nodata, file };
  const k = scanValues(bytes, offset, grid) ?? splitValues(bytes.toString('utf8', offset), grid);
  if (k !== data.length) fail(file, 'data', `expected ${nx} × ${ny} = ${data.length} values, found ${k}`);
  return { nx, ny, xll, yll, cellSize, data };
}

interface ValueSink {
  data: Float64Array;
  nx: number;
  ny: number;
  nodata: number | undefined;
  file: string;
}

/** Stores `Number(token)` as value `k`, NaN where it is the nodata value; a token that is no number is an error. */
function putToken(sink: ValueSink, k: number, token: string): void {
  const v = Number(token);
  if (Number.isNaN(v) && token.toLowerCase() !== 'nan') fail(sink.file, `data value ${k + 1} (row ${Math.floor(k / sink.nx) + 1}, column ${(k % sink.nx) + 1})`, `not a number: '${token}'`);
  sink.data[k] = v === sink.nodata ? Number.NaN : v;
}

function tooMany(sink: ValueSink): never {
  return fail(sink.file, 'data', `more than ${sink.nx} × ${sink.ny} = ${sink.data.length} values`);
}

/**
 * Reads whitespace-separated values from byte `start` into `sink.data`, each exactly `Number(token)`,
 * and returns how many there were; undefined at the first byte ≥ 0x80 (a non-ASCII space or
 * character), which `splitValues` then reads from the decoded text. A token of at most 15
 * significant digits with a decimal exponent within ±22 is m × 10^e or m / 10^e with both operands
 * exact doubles, so one IEEE operation rounds it correctly (Clinger 1990), as `Number()` does; any
 * other token (more digits, 'nan', 'Infinity', hex, malformed) goes to `Number()` itself.
 */
function scanValues(bytes: Buffer, start: number, sink: ValueSink): number | undefined {
  const n = bytes.length;
  const { data, nodata } = sink;
  const size = data.length;
  let i = start;
  let k = 0;
  for (;;) {
    let c = 0;
    while (i < n && isSpace((c = bytes[i] as number))) i++;
    if (i >= n) return k;
    if (k >= size) tooMany(sink);
    const tokenStart = i;
    const negative = c === 45;
    if (c === 45 || c === 43) i++;
    let mantissa = 0;
    let significant = 0;
    let digits = 0;
    let exponent = 0;
    for (; i < n; i++) {
      const d = (bytes[i] as number) - 48;
      if (d < 0 || d > 9) break;
      digits++;
      if (mantissa !== 0 || d !== 0) {
        mantissa = mantissa * 10 + d;
        significant++;
      }
    }
    if (i < n && bytes[i] === 46) {
      for (i++; i < n; i++) {
        const d = (bytes[i] as number) - 48;
        if (d < 0 || d > 9) break;
        digits++;
        exponent--;
        if (mantissa !== 0 || d !== 0) {
          mantissa = mantissa * 10 + d;
          significant++;
        }
      }
    }
    let exact = digits > 0 && significant <= 15;
    if (exact && i < n && ((bytes[i] as number) | 32) === 101) {
      i++;
      const negativeExponent = bytes[i] === 45;
      if (negativeExponent || bytes[i] === 43) i++;
      let e = 0;
      let eDigits = 0;
      for (; i < n; i++) {
        const d = (bytes[i] as number) - 48;
        if (d < 0 || d > 9) break;
        // Past ±22 the value goes to Number() anyway: no need to grow e further.
        if (e < 1000) e = e * 10 + d;
        eDigits++;
      }
      exponent += negativeExponent ? -e : e;
      exact = eDigits > 0;
    }
    if (exact && exponent >= -22 && exponent <= 22 && (i === n || isSpace(bytes[i] as number))) {
      const magnitude = mantissa === 0 ? 0 : exponent < 0 ? mantissa / (POW10[-exponent] as number) : mantissa * (POW10[exponent] as number);
      const v = negative ? -magnitude : magnitude;
      data[k] = v === nodata ? Number.NaN : v;
    } else {
      for (; i < n && !isSpace((c = bytes[i] as number)); i++) if (c >= 0x80) return undefined;
      putToken(sink, k, bytes.toString('latin1', tokenStart, i));
    }
    k++;
  }
}

/** The general reader, for text with non-ASCII characters (`/\s/` also splits at U+00A0, U+FEFF, …). */
function splitValues(text: string, sink: ValueSink): number {
  let k = 0;
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    if (k >= sink.data.length) tooMany(sink);
    putToken(sink, k, token);
    k++;
  }
  return k;
}

export async function readAsciiGrid(path: string, label = basename(path)): Promise<Raster> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new RenxingError('RX_ERR_FILE_NOT_FOUND', `${label}: cannot be read`, [{ file: label, path: '', message: 'no such file or unreadable' }], { cause });
  }
  return parseAsciiGrid(bytes, label);
}

/**
 * The bytes of `formatAsciiGrid(r, digits, nodata)`, written straight into a buffer. Each value is
 * exactly `v.toFixed(digits)`: |v|·10^digits is rounded as an integer n and its digits written,
 * unless the product (off by at most half an ulp from the exact one) lies too near a half-way
 * point to tell which way toFixed's exact rounding goes, or is ≥ 1e15, or digits > 15: then
 * toFixed writes that value.
 */
export function encodeAsciiGrid(r: Raster, digits = 4, nodata = -9999): Uint8Array {
  const head = `ncols ${r.nx}\nnrows ${r.ny}\nxllcorner ${r.xll}\nyllcorner ${r.yll}\ncellsize ${r.cellSize}\nNODATA_value ${nodata}\n`;
  const nodataBytes = Buffer.from(String(nodata), 'latin1');
  const fast = Number.isInteger(digits) && digits >= 0 && digits <= 15;
  const scale = fast ? (POW10[digits] as number) : 1;
  // A value the fast path writes takes at most a sign, 16 digits, a point and a space.
  const rowBytes = r.nx * Math.max(19, nodataBytes.length + 1) + 1;
  const { nx, ny, data } = r;
  let out: Buffer = Buffer.allocUnsafe(head.length + ny * Math.min(rowBytes, nx * (digits + 8) + 1));
  let pos = out.write(head, 0, 'latin1');
  for (let j = 0; j < ny; j++) {
    if (pos + rowBytes > out.length) out = grown(out, pos, rowBytes);
    for (let i = 0; i < nx; i++) {
      if (i > 0) out[pos++] = 32;
      const v = data[j * nx + i] as number;
      if (Number.isNaN(v)) {
        pos += nodataBytes.copy(out, pos);
        continue;
      }
      const s = (v < 0 ? -v : v) * scale;
      let n = Math.floor(s);
      const f = s - n;
      if (!fast || !(s < 1e15) || Math.abs(f - 0.5) <= s * 2 ** -52) {
        const text = v.toFixed(digits);
        if (pos + text.length + rowBytes > out.length) out = grown(out, pos, text.length + rowBytes);
        pos += out.write(text, pos, 'latin1');
        continue;
      }
      if (f > 0.5) n++;
      // toFixed writes '-' for any x < 0, so −0.00001 becomes "-0.0000"; −0 gets none.
      if (v < 0) out[pos++] = 45;
      const whole = Math.floor(n / scale);
      let width = 1;
      while (width < 16 && whole >= (POW10[width] as number)) width++;
      putDigits(out, pos + width, whole, width);
      pos += width;
      if (digits > 0) {
        out[pos] = 46;
        putDigits(out, pos + 1 + digits, n - whole * scale, digits);
        pos += 1 + digits;
      }
    }
    out[pos++] = 10;
  }
  return out.subarray(0, pos);
}

/** Writes the last `count` decimal digits of the integer `x` (< 2^53) into out[end − count, end). */
function putDigits(out: Uint8Array, end: number, x: number, count: number): void {
  let p = end;
  // Digits come off as doubles only until the rest fits Int32 arithmetic, which is faster.
  for (; x >= 2 ** 31 && p > end - count; p--) {
    const q = Math.floor(x / 10);
    out[p - 1] = 48 + x - q * 10;
    x = q;
  }
  for (let y = x | 0; p > end - count; p--) {
    const q = (y / 10) | 0;
    out[p - 1] = 48 + y - q * 10;
    y = q;
  }
}

/** A copy of `out`'s first `used` bytes in a buffer with room for `more`. */
function grown(out: Buffer, used: number, more: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(2 * out.length, used + more));
  out.copy(bigger, 0, 0, used);
  return bigger;
}

/** Formats a raster as an ESRI ASCII grid; NaN cells are written as `nodata`, values with `digits` decimals (as `toFixed`). */
export function formatAsciiGrid(r: Raster, digits = 4, nodata = -9999): string {
  const bytes = encodeAsciiGrid(r, digits, nodata);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export async function writeAsciiGrid(path: string, r: Raster, digits?: number): Promise<void> {
  await writeFile(path, encodeAsciiGrid(r, digits));
}
