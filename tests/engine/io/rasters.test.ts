import { writeFile } from 'node:fs/promises';
import { writeArrayBuffer } from 'geotiff';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiGridIssues } from '../../fixtures/ascii-grid-issues.js';
import { formatAsciiGrid, parseAsciiGrid } from '../../../engine/io/ascii-grid.js';
import { encodeGeoTiff, readGeoTiff } from '../../../engine/io/geotiff.js';
import { cellAt } from '../../../engine/io/raster.js';
import { withTempDir } from '../../fixtures/mini-pack.js';

describe('ESRI ASCII grids', () => {
  it('reads corner and centre registration, nodata as NaN, and writes it back', () => {
    const text = 'ncols 3\nnrows 2\nxllcenter 105\nyllcenter 205\ncellsize 10\nNODATA_value -9999\n1 2 3\n4 -9999 6\n';
    const r = parseAsciiGrid(text, 'dem.asc');
    expect([r.nx, r.ny, r.xll, r.yll, r.cellSize]).toEqual([3, 2, 100, 200, 10]);
    expect(Array.from(r.data)).toEqual([1, 2, 3, 4, Number.NaN, 6]);
    const again = parseAsciiGrid(formatAsciiGrid(r, 2), 'again.asc');
    expect(Array.from(again.data)).toEqual(Array.from(r.data));
    expect(cellAt(r, 125, 215)).toEqual({ col: 2, row: 0 });
    expect(cellAt(r, 95, 215)).toBeUndefined();
  });

  it('names what is wrong and where', () => {
    expect(asciiGridIssues('ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n')).toEqual(['dem.asc: data: expected 2 × 2 = 4 values, found 3']);
    expect(asciiGridIssues('ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 x\n')).toEqual(["dem.asc: data value 2 (row 1, column 2): not a number: 'x'"]);
    expect(asciiGridIssues('ncols 2\nnrows 1\nxllcorner 0\ncellsize 1\n1 2\n')).toEqual(["dem.asc: header: missing 'yllcorner' or 'yllcenter'"]);
    expect(asciiGridIssues('ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize -1\n1 2\n')).toEqual(['dem.asc: header: cellsize must be > 0, got -1']);
  });
});

describe('GeoTIFF', () => {
  it('round-trips a projected raster through geotiff.js, nodata included', async () => {
    await withTempDir(async (dir) => {
      const raster = { nx: 4, ny: 3, xll: 450000, yll: 4420000, cellSize: 25, data: Float64Array.from([1, 2, 3, 4, 5, Number.NaN, 7, 8, 9, 10, 11, 12.5]) };
      const path = join(dir, 'r.tif');
      await writeFile(path, new Uint8Array(encodeGeoTiff(raster, 32650)));
      const back = await readGeoTiff(path);
      expect([back.nx, back.ny, back.xll, back.yll, back.cellSize, back.epsg]).toEqual([4, 3, 450000, 4420000, 25, 32650]);
      expect(Array.from(back.data)).toEqual(Array.from(raster.data));
    });
  });

  it('knows a float32 no-data value GDAL writes unrounded, and a PixelIsPoint tie point at a cell centre', async () => {
    await withTempDir(async (dir) => {
      // As ArcGIS/GDAL write them: nodata printed with 12 digits, stored as float32; the tie point at the first cell's centre.
      const nodata = '-3.40282306074e+38';
      const values = Float32Array.from([1, Number(nodata), 3, 4]);
      const bytes = writeArrayBuffer(values, {
        width: 2, height: 2, ModelPixelScale: [10, 10, 0], ModelTiepoint: [0, 0, 0, 1005, 2015, 0], GDAL_NODATA: nodata,
        GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 2, ProjectedCSTypeGeoKey: 32650,
      });
      await writeFile(join(dir, 'p.tif'), new Uint8Array(bytes));
      const back = await readGeoTiff(join(dir, 'p.tif'));
      expect([back.xll, back.yll]).toEqual([1000, 2000]);
      expect(Number.isNaN(back.data[1])).toBe(true);
      expect([back.data[0], back.data[2], back.data[3]]).toEqual([1, 3, 4]);
    });
  });

  it('refuses a file that is not a GeoTIFF', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'x.tif'), 'not a tiff');
      await expect(readGeoTiff(join(dir, 'x.tif'))).rejects.toThrow(/x\.tif: not a readable GeoTIFF/);
    });
  });
});
