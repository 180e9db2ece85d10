import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import { RenxingError } from '../core/errors.js';
import type { Raster } from './raster.js';

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

/** A Float32 GeoTIFF of the raster (NaN cells carry GDAL_NODATA), tagged with an EPSG code when known. */
export function encodeGeoTiff(r: Raster, epsg?: number, nodata = -9999): ArrayBuffer {
  const values = new Float32Array(r.data.length);
  for (let k = 0; k < values.length; k++) {
    const v = r.data[k] as number;
    values[k] = Number.isNaN(v) ? nodata : v;
  }
  return writeArrayBuffer(values, {
    width: r.nx,
    height: r.ny,
    ModelPixelScale: [r.cellSize, r.cellSize, 0],
    ModelTiepoint: [0, 0, 0, r.xll, r.yll + r.ny * r.cellSize, 0],
    GDAL_NODATA: String(nodata),
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    // 32767 is GeoTIFF's "user-defined" projected CRS. Without some projected code geotiff.js
    // would stamp the raster as EPSG:4326 and move its tie point to (−180, 90).
    ProjectedCSTypeGeoKey: epsg ?? 32767,
  });
}
