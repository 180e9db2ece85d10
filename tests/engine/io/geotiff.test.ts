import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { encodeGeoTiff, readGeoTiff } from '../../../engine/io/geotiff.js';
import { encodeFloat32, type Raster } from '../../../engine/io/raster.js';
import { withTempDir } from '../../fixtures/mini-pack.js';

/** What geotiff.js's writeArrayBuffer wrote for encodeGeoTiff before issue 20: the file ours must mean the same as. */
function encodeReference(r: Raster, epsg?: number, nodata = -9999): ArrayBuffer {
  return writeArrayBuffer(Float32Array.from(r.data, (v) => (Number.isNaN(v) ? nodata : v)), {
    width: r.nx, height: r.ny, ModelPixelScale: [r.cellSize, r.cellSize, 0], ModelTiepoint: [0, 0, 0, r.xll, r.yll + r.ny * r.cellSize, 0],
    GDAL_NODATA: String(nodata), GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 1, ProjectedCSTypeGeoKey: epsg ?? 32767,
  });
}

/** Everything geotiff.js reads from a file's first image. */
async function meaningOf(buffer: ArrayBuffer): Promise<unknown> {
  const image = await (await fromArrayBuffer(buffer)).getImage();
  return {
    size: [image.getWidth(), image.getHeight(), image.getSamplesPerPixel()],
    format: [image.getSampleFormat(), image.getBitsPerSample()],
    resolution: image.getResolution(),
    origin: image.getOrigin(),
    bbox: image.getBoundingBox(),
    geoKeys: image.getGeoKeys(),
    nodata: image.getGDALNoData(),
    values: Array.from((await image.readRasters({ interleave: true })) as unknown as Float32Array),
  };
}

const TYPE_BYTES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 12: 8 };

/** The IFD's entries as written: tag, type, count and, for values not in the entry, their offset. */
function entriesOf(buffer: ArrayBuffer): { tag: number; type: number; count: number; offset?: number }[] {
  const view = new DataView(buffer);
  const ifd = view.getUint32(4, true);
  return Array.from({ length: view.getUint16(ifd, true) }, (_, n) => {
    const at = ifd + 2 + 12 * n;
    const [tag, type, count] = [view.getUint16(at, true), view.getUint16(at + 2, true), view.getUint32(at + 4, true)];
    return count * (TYPE_BYTES[type] as number) > 4 ? { tag, type, count, offset: view.getUint32(at + 8, true) } : { tag, type, count };
  });
}

const raster = (nx: number, ny: number, values: number[], origin: [number, number] = [450000, 4420000], cellSize = 25): Raster => ({ nx, ny, xll: origin[0], yll: origin[1], cellSize, data: Float64Array.from(values) });

describe('encodeGeoTiff (our own little-endian writer)', () => {
  const r35 = raster(3, 5, [1, 2, 3, 4, Number.NaN, 6, 7.25, -8, 9, 10, 11, 12.5, 1e-3, -1e6, Number.NaN], [431234.5, 4401000.25], 12.5);

  it('means what geotiff.js wrote: size, format, origin, resolution, geokeys, nodata and values, with and without an EPSG code', async () => {
    for (const [r, epsg] of [[r35, 32650], [r35, undefined], [raster(4, 3, [1, 2, 3, 4, 5, Number.NaN, 7, 8, 9, 10, 11, 12.5]), 4547], [raster(1, 1, [Number.NaN]), undefined]] as const) {
      expect(await meaningOf(encodeGeoTiff(r, epsg))).toEqual(await meaningOf(encodeReference(r, epsg)));
    }
    expect(await meaningOf(encodeGeoTiff(r35, 32650, -1.5))).toEqual(await meaningOf(encodeReference(r35, 32650, -1.5)));
  });

  it('reads back through readGeoTiff: values as float32, NaN where nodata, origin, cell size and EPSG code', async () => {
    await withTempDir(async (dir) => {
      for (const epsg of [32650, undefined]) {
        await writeFile(join(dir, 'r.tif'), new Uint8Array(encodeGeoTiff(r35, epsg)));
        const back = await readGeoTiff(join(dir, 'r.tif'));
        expect([back.nx, back.ny, back.xll, back.yll, back.cellSize, back.epsg]).toEqual([3, 5, 431234.5, 4401000.25, 12.5, epsg]);
        expect(Array.from(back.data)).toEqual(Array.from(r35.data, (v) => Math.fround(v)));
      }
    });
  });

  it('round-trips random rasters through geotiff.js as its own writer did', async () => {
    const rasters = fc.record({ nx: fc.integer({ min: 1, max: 7 }), ny: fc.integer({ min: 1, max: 7 }) }).chain(({ nx, ny }) =>
      fc.record({
        r: fc.record({
          nx: fc.constant(nx), ny: fc.constant(ny),
          xll: fc.integer({ min: -1e6, max: 1e6 }).map((x) => x / 4), yll: fc.integer({ min: 0, max: 1e7 }).map((y) => y / 4), cellSize: fc.constantFrom(0.5, 1, 2, 12.5, 30, 90),
          data: fc.array(fc.oneof(fc.float({ noDefaultInfinity: true }), fc.constant(Number.NaN)), { minLength: nx * ny, maxLength: nx * ny }).map((v) => Float64Array.from(v)),
        }),
        epsg: fc.option(fc.integer({ min: 2000, max: 32766 }), { nil: undefined }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(rasters, async ({ r, epsg }) => {
        expect(await meaningOf(encodeGeoTiff(r, epsg))).toEqual(await meaningOf(encodeReference(r, epsg)));
      }),
      { numRuns: 200 },
    );
  });

  it('follows TIFF and GDAL conventions: "II", tags ascending, values and strip word-aligned, GDAL_NODATA NUL-terminated', () => {
    const buffer = encodeGeoTiff(r35, 32650);
    const view = new DataView(buffer);
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint32(4, true)]).toEqual([0x4949, 42, 8]);
    const entries = entriesOf(buffer);
    expect(entries.map((e) => e.tag)).toEqual([256, 257, 258, 259, 262, 273, 277, 278, 279, 284, 339, 33550, 33922, 34735, 42113]);
    for (const e of entries) if (e.offset !== undefined) expect(e.offset % 8).toBe(0);
    const ifdEnd = 8 + 2 + 12 * entries.length;
    expect(view.getUint32(ifdEnd, true)).toBe(0);
    const strip = view.getUint32(8 + 2 + 12 * 5 + 8, true);
    expect(strip % 8).toBe(0);
    expect(buffer.byteLength).toBe(strip + 3 * 5 * 4);
    const nodata = entries.find((e) => e.tag === 42113);
    expect(new TextDecoder().decode(new Uint8Array(buffer, nodata?.offset, nodata?.count))).toBe('-9999\0');
  });
});

describe('encodeFloat32', () => {
  it('writes the bytes a little-endian DataView did, NaN payloads, −0, subnormals and overflow included', () => {
    const data = Float64Array.from([0, -0, 1, -1.5, 0.1, 1e-40, 1e-50, 3.5e38, 1e39, -1e39, Number.NaN, Infinity, -Infinity, Math.PI]);
    const bits = new BigUint64Array(3);
    bits.set([0xfff8000000000000n, 0x7ff0000000000001n, 0x7ff8dead12345678n]);
    const all = Float64Array.from([...data, ...new Float64Array(bits.buffer)]);
    const reference = new Uint8Array(all.length * 4);
    const view = new DataView(reference.buffer);
    all.forEach((v, i) => view.setFloat32(i * 4, v, true));
    expect(Array.from(encodeFloat32(all))).toEqual(Array.from(reference));
  });
});
