import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode as decodePng } from 'fast-png';
import { build } from '../../api/app.js';
import { depthToRgba } from '../../engine/io/depth-colours.js';
import { formatAsciiGrid } from '../../engine/io/ascii-grid.js';
import { withTempDir } from '../fixtures/mini-pack.js';

const NX = 30;
const NY = 12;
// A plain falling 0.1 m per 20 m cell eastward, in UTM zone 50N just west of Beijing.
const XLL = 430_000;
const YLL = 4_420_000;
const dem = formatAsciiGrid({ nx: NX, ny: NY, xll: XLL, yll: YLL, cellSize: 20, data: Float64Array.from({ length: NX * NY }, (_, c) => 5 - 0.1 * (c % NX)) });
const scenario = {
  schemaVersion: 1, id: 'sloping-plain', title: 'Sloping plain, point inflow', hazards: [],
  domain: {
    dem: 'dem.asc', manning: 0.03, durationH: 1, outputEveryH: 0.25, epsg: 32650,
    boundaries: [{ side: 'E', type: 'free' }],
    points: [{ at: [XLL + 50, YLL + 130], type: 'qvar', series: [[0, 0], [1200, 4], [3600, 0]] }],
  },
};

const float32 = (bytes: Buffer): Float32Array => new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

describe('a raster-domain run over the API', () => {
  it('runs on the 2D solver and serves its depth frames as Float32 and GeoTIFF, placed on the map', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'dem.asc'), dem);
      const app = await build({ dbPath: ':memory:', workers: 1, dataRoots: [dir] });
      try {
        // Domain paths resolve against the bundled scenarios, so name the DEM by its absolute path inside an allowed folder.
        const body = { scenario: { ...scenario, domain: { ...scenario.domain, dem: join(dir, 'dem.asc') } } };
        const created = await app.inject({ method: 'POST', url: '/runs', payload: body });
        expect(created.statusCode).toBe(201);
        const { id } = created.json<{ id: string }>();
        let run = { status: 'queued' };
        for (let i = 0; i < 400 && !['succeeded', 'failed'].includes(run.status); i++) {
          await new Promise((r) => setTimeout(r, 25));
          run = (await app.inject({ url: `/runs/${id}` })).json<{ status: string }>();
        }
        expect(run).toMatchObject({ status: 'succeeded' });
        const summary = (await app.inject({ url: `/runs/${id}/summary` })).json<{ kind: string; maxRelativeMassError: number; raster: { nx: number; ny: number; frames: { tS: number; layer: string; image: string }[]; cornersLonLat: [number, number][]; maxDepthLayer: string; imageFullDepthM: number } }>();
        expect(summary.kind).toBe('grid');
        expect(summary.maxRelativeMassError).toBeLessThan(1e-6);
        expect(summary.raster.frames.map((f) => f.tS)).toEqual([900, 1800, 2700, 3600]);
        // UTM 50N (central meridian 117°E): x 430 km lies west of it, at about 116.18°E, 39.93°N.
        const [bottomLeft, topLeft, topRight] = summary.raster.cornersLonLat;
        expect(bottomLeft?.[0]).toBeCloseTo(116.18, 1);
        expect(bottomLeft?.[1]).toBeCloseTo(39.93, 1);
        expect((topLeft?.[1] ?? 0) - (bottomLeft?.[1] ?? 0)).toBeCloseTo((NY * 20) / 111_000, 4);
        expect((topRight?.[0] ?? 0) - (topLeft?.[0] ?? 0)).toBeGreaterThan(0);

        const layer = async (name: string) => app.inject({ url: `/runs/${id}/layers/${name}` });
        const max = float32((await layer(summary.raster.maxDepthLayer)).rawPayload);
        expect(max).toHaveLength(NX * NY);
        for (const frame of summary.raster.frames) {
          const depth = float32((await layer(frame.layer)).rawPayload);
          expect(depth).toHaveLength(NX * NY);
          depth.forEach((h, c) => expect(h).toBeLessThanOrEqual((max[c] ?? 0) + 1e-6));
        }
        expect(Math.max(...max)).toBeGreaterThan(0.01);
        // The same frames as PNG images on the viewer's ramp: 8-bit RGBA of the raster's size.
        const png = await layer('depth-3600.png');
        expect(png.headers['content-type']).toBe('image/png');
        const image = decodePng(png.rawPayload);
        expect([image.width, image.height, image.channels]).toEqual([NX, NY, 4]);
        const last = float32((await layer('depth-3600.f32')).rawPayload);
        const rgba = depthToRgba(last, new Uint8ClampedArray(NX * NY * 4), Math.max(summary.raster.imageFullDepthM, 0.1));
        expect([...image.data]).toEqual([...rgba]);
        const tif = await layer('depth-3600.tif');
        expect(tif.headers['content-type']).toBe('image/tiff');
        expect(['II', 'MM']).toContain(tif.rawPayload.subarray(0, 2).toString('latin1'));

        // Over the server's raster limit: a clear 413 before anything runs.
        const small = await build({ dbPath: ':memory:', workers: 1, dataRoots: [dir], maxRasterCells: 100 });
        const refused = await small.inject({ method: 'POST', url: '/runs', payload: body });
        expect(refused.statusCode).toBe(413);
        expect(refused.json<{ message: string }>().message).toBe("a 30 × 12 raster is over this server's limit of 100 cells");
        await small.close();
        // Frames are bounded too: 360 cells saved every 36 s of an hour is 36,000 cell-frames, over 50 × 400.
        const fewFrames = await build({ dbPath: ':memory:', workers: 1, dataRoots: [dir], maxRasterCells: 400 });
        const tooMany = await fewFrames.inject({ method: 'POST', url: '/runs', payload: { scenario: { ...body.scenario, domain: { ...body.scenario.domain, outputEveryH: 0.01 } } } });
        expect(tooMany.statusCode).toBe(413);
        expect(tooMany.json<{ message: string }>().message).toMatch(/^100 depth frames of 360 cells are over this server's limit of 20,000 cell-frames: save less often \(outputEveryH\)$/);
        await fewFrames.close();
      } finally {
        await app.close();
      }
    });
  });
});
