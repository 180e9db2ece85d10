import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiGridIssues } from '../../fixtures/ascii-grid-issues.js';
import { encodeAsciiGrid, formatAsciiGrid, parseAsciiGrid } from '../../../engine/io/ascii-grid.js';
import type { Raster } from '../../../engine/io/raster.js';

/** The formatter as it was before issue 20 (one toFixed per value): the text the fast one must match byte for byte. */
function formatReference(r: Raster, digits = 4, nodata = -9999): string {
  const lines = [`ncols ${r.nx}`, `nrows ${r.ny}`, `xllcorner ${r.xll}`, `yllcorner ${r.yll}`, `cellsize ${r.cellSize}`, `NODATA_value ${nodata}`];
  for (let j = 0; j < r.ny; j++) lines.push(Array.from(r.data.subarray(j * r.nx, (j + 1) * r.nx), (v) => (Number.isNaN(v) ? String(nodata) : v.toFixed(digits))).join(' '));
  return `${lines.join('\n')}\n`;
}

const row = (values: number[]): Raster => ({ nx: values.length, ny: 1, xll: 0, yll: 0, cellSize: 1, data: Float64Array.from(values) });

/** The double next to `v` towards +∞ (steps > 0) or −∞, `steps` ulps away. */
function ulpsAway(v: number, steps: number): number {
  const bits = new BigInt64Array(Float64Array.of(v).buffer);
  bits[0] = (bits[0] as bigint) + BigInt(v >= 0 ? steps : -steps);
  return new Float64Array(bits.buffer)[0] as number;
}

/** Doubles of every kind, and many within a few ulps of a half-way point at 0–6 decimals, where toFixed's exact rounding matters. */
const doubles = fc.oneof(
  fc.double(),
  fc.double({ min: -1e6, max: 1e6 }),
  fc.double({ min: -1e-3, max: 1e-3 }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -3, max: 3 })).map(([m, k, steps]) => ulpsAway((m + 0.5) / 10 ** k, steps)),
  fc.constantFrom(0.00005, 1.23445, -0.00004999999, -0.00005, 0.5, 2.5, -2.5, 1.00005, 1e-7, -1e-7, -0, 5e-324, 214748.36475, Number('999999999999.99995'), 1e15, -1e15, 1e21, 1.7976931348623157e308, Infinity, -Infinity, Number.NaN),
);

describe('formatAsciiGrid (toFixed, written into a byte buffer)', () => {
  it('writes each value exactly as toFixed(digits) did, NaN as nodata', () => {
    fc.assert(
      fc.property(fc.array(doubles, { minLength: 1, maxLength: 40 }), fc.constantFrom(0, 1, 2, 4, 4, 4, 6, 10, 15, 16, 20), (values, digits) => {
        const r = row(values);
        expect(formatAsciiGrid(r, digits)).toBe(formatReference(r, digits));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the header, rows, the nodata text and the bytes of formatAsciiGrid', () => {
    const r: Raster = { nx: 3, ny: 5, xll: 430000.5, yll: 4400000.25, cellSize: 12.5, data: Float64Array.from({ length: 15 }, (_, c) => (c === 7 ? Number.NaN : (c - 6) * 1.23456789)) };
    expect(formatAsciiGrid(r)).toBe(formatReference(r));
    expect(formatAsciiGrid(r, 2, -1.5)).toBe(formatReference(r, 2, -1.5));
    expect(Buffer.from(encodeAsciiGrid(r, 6)).toString('latin1')).toBe(formatReference(r, 6));
    expect(formatAsciiGrid(row([-0.00001, -0, 0.00005, -0.00005]))).toBe(formatReference(row([-0.00001, -0, 0.00005, -0.00005])));
  });

  it('grows its buffer for long values and toFixed text', () => {
    const r: Raster = { nx: 50, ny: 40, xll: 0, yll: 0, cellSize: 1, data: Float64Array.from({ length: 2000 }, (_, c) => (c % 3 === 0 ? 1e20 + c : -123456789.125 * c)) };
    expect(formatAsciiGrid(r, 12, -1234567890123)).toBe(formatReference(r, 12, -1234567890123));
    expect(formatAsciiGrid(r, 30)).toBe(formatReference(r, 30));
  });
});

/** Decimal tokens as grids hold them and as people write them: signs, leading zeros, many digits, exponents. */
const decimalTokens = fc
  .tuple(
    fc.constantFrom('', '', '-', '+'),
    fc.constantFrom('', '0', '00'),
    fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 20 }),
    fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 20 })),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 4 }))),
  )
  .map(([sign, zeros, whole, fraction, exponent]) => `${sign}${zeros}${whole}${fraction === null ? '' : `.${fraction}`}${exponent === null ? '' : exponent.join('')}`)
  .filter((token) => token !== '' && !Number.isNaN(Number(token)));

const tokens = fc.oneof(
  decimalTokens,
  fc.double().map((v) => String(v)),
  fc.double().map((v) => v.toExponential()),
  fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 21 })).map(([v, p]) => v.toPrecision(p)),
  fc.constantFrom('nan', 'NaN', 'Infinity', '-Infinity', '+Infinity', '0x1F', '0b101', '0o17', '1e400', '-1e-400', '4.9e-324', '2.2250738585072014e-308', '1.7976931348623157e308', '9007199254740993', '123456789012345678901234567890', '.5', '5.', '-.5e1', '1.e5', '-0', '-0.000e-5', '1e22', '1e23', '123456789012345e-22', '123456789012345e22', '-9999', '-9999.000', '-9.999e3'),
);

const gridText = (tokensOf: string[], nx: number, separators: readonly string[] = [' ']): string => {
  const body = tokensOf.map((t, k) => `${t}${(k + 1) % nx === 0 ? '\n' : separators[k % separators.length]}`).join('');
  return `ncols ${nx}\nnrows ${tokensOf.length / nx}\nxllcorner 0\nyllcorner 0\ncellsize 1\nNODATA_value -9999\n${body}`;
};

describe('parseAsciiGrid (a scanner over the bytes)', () => {
  it('reads every value exactly as Number(token), nodata as NaN, from text or bytes', () => {
    fc.assert(
      fc.property(fc.array(tokens, { minLength: 1, maxLength: 30 }), fc.constantFrom([' '], ['\t'], ['  ', '\r\n', ' \t ']), (values, separators) => {
        const text = gridText(values, values.length, separators);
        const expected = values.map((t) => (Number(t) === -9999 ? Number.NaN : Number(t)));
        for (const input of [text, Buffer.from(text)]) {
          const r = parseAsciiGrid(input, 'dem.asc');
          // Object.is tells −0 from 0.
          expect(Array.from(r.data).every((v, k) => Object.is(v, expected[k]))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back what formatAsciiGrid writes', () => {
    const rasters = fc.record({ nx: fc.integer({ min: 1, max: 8 }), ny: fc.integer({ min: 1, max: 8 }), digits: fc.integer({ min: 0, max: 8 }) }).chain(({ nx, ny, digits }) =>
      fc.record({ nx: fc.constant(nx), ny: fc.constant(ny), digits: fc.constant(digits), values: fc.array(doubles, { minLength: nx * ny, maxLength: nx * ny }) }),
    );
    fc.assert(
      fc.property(rasters, ({ nx, ny, digits, values }) => {
        const r: Raster = { nx, ny, xll: 100.5, yll: -20, cellSize: 2.5, data: Float64Array.from(values) };
        const back = parseAsciiGrid(formatAsciiGrid(r, digits), 'back.asc');
        expect([back.nx, back.ny, back.xll, back.yll, back.cellSize]).toEqual([nx, ny, 100.5, -20, 2.5]);
        const expected = values.map((v) => (Number.isNaN(v) || Number(v.toFixed(digits)) === -9999 ? Number.NaN : Number(v.toFixed(digits))));
        expect(Array.from(back.data)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('names a token that is no number by its index, row and column, as before', () => {
    for (const bad of ['1e', '1.2.3', '--1', '1e5x', '-nan', '1_000', 'x', '.', '-', '12345678901234567890abc', 'e5']) {
      expect(asciiGridIssues(gridText(['1', '2', '3', bad], 2))).toEqual([`dem.asc: data value 4 (row 2, column 2): not a number: '${bad}'`]);
    }
    expect(asciiGridIssues(gridText(['1', '2', '3', '4', '5', '6'], 2).replace('nrows 3', 'nrows 2'))).toEqual(['dem.asc: data: more than 2 × 2 = 4 values']);
    expect(asciiGridIssues(gridText(['1', '2', '3', '4'], 2).replace('nrows 2', 'nrows 3'))).toEqual(['dem.asc: data: expected 2 × 3 = 6 values, found 4']);
    expect(asciiGridIssues('ncols 2\nnrows 1\nxllcorner 0\nyllcorner zero\ncellsize 1\n1 2\n')).toEqual(["dem.asc: line 4: header 'yllcorner' needs one number, got 'yllcorner zero'"]);
  });

  it('splits at non-ASCII spaces as /\\s+/ did (a BOM, U+00A0, U+3000), and names non-ASCII tokens', () => {
    const text = `\ufeff${gridText(['1', '2.5', '-3', '4e1'], 2, ['\u00a0', '\u3000 '])}`;
    for (const input of [text, Buffer.from(text)]) expect(Array.from(parseAsciiGrid(input, 'dem.asc').data)).toEqual([1, 2.5, -3, 40]);
    expect(asciiGridIssues(Buffer.from(gridText(['1', '2', '3', '4µ'], 2)))).toEqual(["dem.asc: data value 4 (row 2, column 2): not a number: '4µ'"]);
    expect(asciiGridIssues(gridText(['1', '2', '3', '4\u00a05'], 2))).toEqual(['dem.asc: data: more than 2 × 2 = 4 values']);
  });
});
