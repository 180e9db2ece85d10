import { extname } from 'node:path';
import { readAsciiGrid } from './ascii-grid.js';
import { readGeoTiff } from './geotiff.js';
import type { Raster } from './raster.js';

/** Reads a raster by its extension: a GeoTIFF (.tif, .tiff), else an ESRI ASCII grid. */
export async function readRaster(path: string, label: string): Promise<Raster> {
  return ['.tif', '.tiff'].includes(extname(path).toLowerCase()) ? readGeoTiff(path, label) : readAsciiGrid(path, label);
}
