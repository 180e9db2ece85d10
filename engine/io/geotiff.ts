import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { RenxingError } from '../core/errors.js';
import { putFloat32LE, type Raster } from './raster.js';

/**
 * Reads band 1 of a north-up GeoTIFF with geotiff.js. Cells must be metres (a projected CRS):
 * a geographic (degree) raster is refused rather than silently treated as metres.
 */
export async function readGeoTiff(path: string, label = basename(path)): Promise<Raster> {
  const problem = (message: string): RenxingError => new RenxingError('RX_ERR_FILE_PARSE', `${label}: ${message}`, [{ file: label, path: '', message }]);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new RenxingError('RX_ERR_FILE_NOT_FOUND', `${label}: cannot be read`, [{ file: label, path: '', message: 'no such file or unreadable' }], { cause });
  }
  try {
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const image = await tiff.getImage();
    const geoKeys = (image.getGeoKeys() ?? {}) as { GTModelTypeGeoKey?: number; GTRasterTypeGeoKey?: number; ProjectedCSTypeGeoKey?: number };
    if (geoKeys.GTModelTypeGeoKey === 2) throw problem('is in a geographic CRS (degrees); reproject it to a projected CRS in metres');
    const [sx, sy] = image.getResolution();
    if (sx === undefined || sy === undefined || Math.abs(Math.abs(sx) - Math.abs(sy)) > 1e-9 * Math.abs(sx) || sy > 0) throw problem(`needs square, north-up cells, got resolution ${sx} × ${sy}`);
    const [x0, , , y1] = image.getBoundingBox();
    const nx = image.getWidth();
    const ny = image.getHeight();
    const band = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
    const nodata = image.getGDALNoData();
    // A float32 band stores the no-data value rounded to float32 (GDAL writes, e.g., −3.40282306074e+38).
    const nodataStored = nodata !== null && image.getSampleFormat() === 3 && image.getBitsPerSample() === 32 ? Math.fround(nodata) : nodata;
    const data = new Float64Array(nx * ny);
    for (let k = 0; k < data.length; k++) {
      const v = band[k] as number;
      data[k] = nodataStored !== null && (v === nodataStored || v === nodata) ? Number.NaN : v;
    }
    const cellSize = Math.abs(sx);
    // geotiff.js places a PixelIsPoint raster's tie point on the cell's corner; it is the cell's centre.
    const shift = geoKeys.GTRasterTypeGeoKey === 2 ? cellSize / 2 : 0;
    // 32767 is "user-defined": no EPSG code to carry.
    const epsg = geoKeys.ProjectedCSTypeGeoKey !== undefined && geoKeys.ProjectedCSTypeGeoKey !== 32767 ? geoKeys.ProjectedCSTypeGeoKey : undefined;
    return { nx, ny, xll: (x0 as number) - shift, yll: (y1 as number) + shift - ny * cellSize, cellSize, data, ...(epsg !== undefined ? { epsg } : {}) };
  } catch (error) {
    if (error instanceof RenxingError) throw error;
    throw problem(`not a readable GeoTIFF (${(error as Error).message})`);
  }
}

/** TIFF field types (TIFF 6.0, section 2) and their sizes in bytes. */
const ASCII = 2;
const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const TYPE_BYTES: Readonly<Record<number, number>> = { [ASCII]: 1, [SHORT]: 2, [LONG]: 4, [DOUBLE]: 8 };

interface TiffField {
  tag: number;
  type: number;
  values: number[] | string;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * A Float32 GeoTIFF of the raster (NaN cells carry GDAL_NODATA), tagged with an EPSG code when known:
 * little-endian, uncompressed, one strip, the tags geotiff.js's writeArrayBuffer wrote (less its
 * Software tag and an empty ExtraSamples). Written here rather than by geotiff.js, whose writer
 * goes value by value through generic arrays: 1,000 × 1,000 cells took it 430–660 ms, this 11 ms.
 * Layout: header, the one IFD (tags ascending), its out-of-line values, then the strip, each on
 * an 8-byte boundary so that readers can view the cells as a Float32Array in place.
 */
export function encodeGeoTiff(r: Raster, epsg?: number, nodata = -9999): ArrayBuffer {
  const stripBytes = r.nx * r.ny * 4;
  const stripOffsets: TiffField = { tag: 273, type: LONG, values: [0] };
  const fields: TiffField[] = [
    { tag: 256, type: LONG, values: [r.nx] }, // ImageWidth
    { tag: 257, type: LONG, values: [r.ny] }, // ImageLength
    { tag: 258, type: SHORT, values: [32] }, // BitsPerSample
    { tag: 259, type: SHORT, values: [1] }, // Compression: none
    { tag: 262, type: SHORT, values: [1] }, // PhotometricInterpretation: BlackIsZero
    stripOffsets,
    { tag: 277, type: SHORT, values: [1] }, // SamplesPerPixel
    { tag: 278, type: LONG, values: [r.ny] }, // RowsPerStrip: all rows in one strip
    { tag: 279, type: LONG, values: [stripBytes] }, // StripByteCounts
    { tag: 284, type: SHORT, values: [1] }, // PlanarConfiguration: chunky
    { tag: 339, type: SHORT, values: [3] }, // SampleFormat: IEEE float
    { tag: 33550, type: DOUBLE, values: [r.cellSize, r.cellSize, 0] }, // ModelPixelScale
    { tag: 33922, type: DOUBLE, values: [0, 0, 0, r.xll, r.yll + r.ny * r.cellSize, 0] }, // ModelTiepoint: cell (0, 0)'s north-west corner
    // GeoKeyDirectory 1.1.0 with 3 keys: GTModelType 1 (projected), GTRasterType 1 (PixelIsArea) and
    // ProjectedCSType, 32767 ("user-defined") where no EPSG code is known, as geotiff.js was told to write.
    { tag: 34735, type: SHORT, values: [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, epsg ?? 32767] },
    { tag: 42113, type: ASCII, values: `${nodata}\0` }, // GDAL_NODATA
  ];
  // Values of more than 4 bytes go after the IFD; the others sit in their entry.
  let end = 8 + 2 + 12 * fields.length + 4;
  const offsets = fields.map((field) => {
    if (field.values.length * (TYPE_BYTES[field.type] as number) <= 4) return undefined;
    const at = align8(end);
    end = at + field.values.length * (TYPE_BYTES[field.type] as number);
    return at;
  });
  const stripOffset = align8(end);
  if (stripOffset + stripBytes > 0xffffffff) throw new RangeError(`a ${r.nx} × ${r.ny} raster is past a classic TIFF's 4 GiB`);
  stripOffsets.values = [stripOffset];

  const buffer = new ArrayBuffer(stripOffset + stripBytes);
  const view = new DataView(buffer);
  view.setUint16(0, 0x4949, true); // "II": little-endian
  view.setUint16(2, 42, true);
  view.setUint32(4, 8, true);
  view.setUint16(8, fields.length, true);
  fields.forEach((field, n) => {
    const entry = 10 + 12 * n;
    view.setUint16(entry, field.tag, true);
    view.setUint16(entry + 2, field.type, true);
    view.setUint32(entry + 4, field.values.length, true);
    const at = offsets[n];
    if (at !== undefined) view.setUint32(entry + 8, at, true);
    let p = at ?? entry + 8;
    for (let k = 0; k < field.values.length; k++) {
      const value = field.values[k] as number | string;
      if (typeof value === 'string') view.setUint8(p, value.charCodeAt(0));
      else if (field.type === SHORT) view.setUint16(p, value, true);
      else if (field.type === LONG) view.setUint32(p, value, true);
      else view.setFloat64(p, value, true);
      p += TYPE_BYTES[field.type] as number;
    }
  });
  // The next-IFD offset after the entries stays 0: there is one image.
  putFloat32LE(new Uint8Array(buffer), stripOffset, r.data, nodata);
  return buffer;
}
