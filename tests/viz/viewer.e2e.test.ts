/**
 * The viewer end to end in headless Chromium (Debian's chromium, installed by .ci/run, driven by
 * playwright-core): a real listening API serving the built viewer; run the default scenario,
 * wait for it, check the map has drawn, the totals panel shows the API's numbers, and a corridor
 * cut changes the totals to the what-if answer, an edited earthquake runs, a flood run's station
 * hydrograph is drawn, and a 2D flood runs from its form; the final views are saved under
 * out/viewer-test/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../api/app.js';
import { PACKAGE_ROOT } from '../../engine/core/paths.js';
import { formatAsciiGrid } from '../../engine/io/ascii-grid.js';

const CHROMIUM = '/usr/bin/chromium';
/** Where the test leaves its screenshot (ignored by git, like every run output). */
const SHOTS = join(PACKAGE_ROOT, 'out', 'viewer-test');
const int = (x: number): string => Math.round(x).toLocaleString('en-US');

describe('the viewer in a browser', () => {
  let app: Awaited<ReturnType<typeof build>>;
  let browser: Browser;
  let page: Page;
  let base: string;
  let rasters: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
    // A small raster domain (a plain falling eastward, UTM 50N beside the Yongding) for the depth-raster check.
    rasters = await mkdtemp(join(tmpdir(), 'renxing-viewer-'));
    await writeFile(join(rasters, 'dem.asc'), formatAsciiGrid({ nx: 60, ny: 30, xll: 430_000, yll: 4_400_000, cellSize: 50, data: Float64Array.from({ length: 1800 }, (_, c) => 5 - 0.05 * (c % 60)) }));
    app = await build({ dbPath: ':memory:', workers: 2, rateLimitPerMinute: 0, dataRoots: [rasters] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Software WebGL (SwiftShader); no background traffic on a closed network.
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    // A failed set-up (no browser) leaves no folder; the error to see is the set-up's.
    if (rasters !== undefined) await rm(rasters, { recursive: true, force: true });
  });

  it('runs the default scenario, draws the map, shows the totals and answers a corridor cut', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready', null, { timeout: 30_000 });
    expect(await page.inputValue('#scenario')).toBe('tangshan-1976');
    await page.fill('#realizations', '10');
    await page.click('#run');
    // The status reads "Run <id> succeeded" once the results are loaded and drawn.
    await page.waitForFunction(() => /^Run \S+ succeeded|Error/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(await page.textContent('#status')).toMatch(/^Run \S+ succeeded$/);

    // The map canvas has drawn: most of it is painted, in many colours (land, zones, lifelines…).
    const drawn = await page.evaluate(() => {
      const canvas = document.querySelector('#map canvas') as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(canvas, 0, 0);
      const pixels = ctx.getImageData(0, 0, copy.width, copy.height).data;
      let painted = 0;
      const colours = new Set<number>();
      for (let i = 0; i < pixels.length; i += 4 * 7) {
        if ((pixels[i + 3] as number) > 0) painted++;
        colours.add(((pixels[i] as number) << 16) | ((pixels[i + 1] as number) << 8) | (pixels[i + 2] as number));
      }
      return { share: painted / (pixels.length / (4 * 7)), colours: colours.size };
    });
    expect(drawn.share).toBeGreaterThan(0.5);
    expect(drawn.colours).toBeGreaterThan(20);

    // The totals panel shows the run's own summary.
    const runId = await page.evaluate(() => (window as unknown as { renxing: { state: { runId: string } } }).renxing.state.runId);
    expect(await page.inputValue('#runs')).toBe(runId);
    const summary = (await (await fetch(`${base}/runs/${runId}/summary`)).json()) as { evacuation: { sheltered: number; displaced: number } };
    expect(summary.evacuation, JSON.stringify(summary).slice(0, 300)).toBeDefined();
    const row = (label: string): Promise<string | null> => page.evaluate((l) => [...document.querySelectorAll('#totals dt')].find((dt) => dt.textContent === l)?.nextElementSibling?.textContent ?? null, label);
    expect(await row('Sheltered')).toBe(int(summary.evacuation.sheltered));
    expect(await row('Displaced')).toMatch(new RegExp(`^${int(summary.evacuation.displaced)}`));
    expect(await page.locator('#aid tbody tr').count()).toBeGreaterThan(0);

    // Cut a corridor: the totals change, to the what-if answer the API gives for the same cut.
    const waterBefore = await row('Without water');
    const target = 'corridor:south-north-diversion-middle-route';
    await page.selectOption('#corridor', target);
    await page.click('#cut');
    await page.waitForFunction(() => /What-if: 1 cut/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 30_000 });
    const answer = (await (await fetch(`${base}/whatif`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ runId, cut: [target] }) })).json()) as { evacuation: { sheltered: number; clearanceTimeH: number }; unservedPopulation: Record<string, number> };
    expect(await row('Without water')).toBe(int(answer.unservedPopulation['water'] ?? Number.NaN));
    expect(await row('Without water')).not.toBe(waterBefore);
    expect(answer.evacuation, JSON.stringify(answer).slice(0, 300)).toBeDefined();
    expect(await row('Sheltered')).toBe(int(answer.evacuation.sheltered));
    expect(await row('Clearance time')).toBe(`${answer.evacuation.clearanceTimeH.toFixed(1)} h`);
    expect(await row('Basis')).toBe('what-if: lifeline cuts applied');
    expect(await page.locator('#cuts li').count()).toBe(1);
    expect(await page.textContent('#backup')).toMatch(/power|water|gas|telecom/);

    // Edit the earthquake (Ms 7.8 → 6.0) and run it inline: fewer deaths than the replay.
    const deathsOf = (text: string | null): number => Number((text ?? '').split(' ')[0]?.replace(/,/g, ''));
    const replayDeaths = deathsOf(await row('Deaths'));
    await page.click('#edit summary');
    await page.fill('#magnitude', '6.0');
    await page.click('#run');
    await page.waitForFunction((previous) => {
      const status = document.getElementById('status')?.textContent ?? '';
      return (/^Run \S+ succeeded/.test(status) && !status.includes(previous)) || status.startsWith('Error');
    }, runId.slice(0, 8), { timeout: 60_000 });
    expect(await row('Scenario')).toMatch(/\(edited\)$/);
    expect(deathsOf(await row('Deaths'))).toBeLessThan(replayDeaths);

    // A flood run: the Lugouqiao hydrograph (what clicking the station shows) is drawn from the summary.
    await page.selectOption('#scenario', 'haihe-2023-replay');
    await page.fill('#realizations', '1');
    const previousRun = await page.evaluate(() => (window as unknown as { renxing: { state: { runId: string } } }).renxing.state.runId);
    await page.click('#run');
    await page.waitForFunction((previous) => {
      const status = document.getElementById('status')?.textContent ?? '';
      return (/^Run \S+ succeeded/.test(status) && !status.includes(previous)) || status.startsWith('Error');
    }, previousRun.slice(0, 8), { timeout: 60_000 });
    expect(await page.textContent('#status')).toMatch(/^Run \S+ succeeded/);
    await page.evaluate(() => (window as unknown as { renxing: { showStation: (id: string) => void } }).renxing.showStation('stn-lugouqiao'));
    expect(await page.textContent('#hydrograph-hint')).toMatch(/^Lugouqiao.*peak [\d,]+ m³\/s at/);
    const points = await page.getAttribute('#hydrograph polyline:nth-of-type(2)', 'points');
    expect(points?.split(' ').length).toBeGreaterThan(100);
    // Its flood impact: residents on flooded land as the API reports them, and zones coloured by flood depth.
    const floodRun = await page.evaluate(() => (window as unknown as { renxing: { state: { runId: string } } }).renxing.state.runId);
    const exposed = await page.evaluate(async (id) => ((await (await fetch(`/runs/${id}/summary`)).json()) as { flood: { exposure: { populationExposed: { mean: number } } } }).flood.exposure.populationExposed.mean, floodRun);
    expect(exposed).toBeGreaterThan(0);
    expect(await row('Residents on flooded land')).toBe(Math.round(exposed).toLocaleString('en-US'));
    await page.selectOption('#metric', 'flood-depth');
    expect(await page.textContent('#legend')).toMatch(/Deepest flood water \(m\).*\d\.\d\d m/s);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'viewer-flood.png') });
    expect(errors).toEqual([]);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'viewer-what-if.png') });
  });

  it('runs a 2D flood from its form and draws the depth frames at the slider’s time', async () => {
    // A first try without the DEM is refused in the page, naming the field.
    await page.fill('#raster-hours', '1');
    await page.fill('#raster-every', '0.25');
    await page.fill('#raster-x', '430100');
    await page.fill('#raster-y', '4400700');
    await page.fill('#raster-q', '20');
    await page.click('#raster-run');
    expect(await page.textContent('#status')).toBe('Error: DEM: give the path of a DEM on the server');
    await page.fill('#raster-dem', join(rasters, 'dem.asc'));
    await page.fill('#raster-n', '0.03');
    await page.fill('#raster-epsg', '32650');
    await page.selectOption('#raster-free', 'E');
    await page.evaluate(() => { (document.getElementById('status') as HTMLElement).textContent = ''; });
    await page.click('#raster-run');
    await page.waitForFunction(() => /^(Run \S+ succeeded|Error)/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(await page.textContent('#status')).toMatch(/^Run \S+ succeeded/);
    const row = (label: string): Promise<string | null> => page.evaluate((l) => [...document.querySelectorAll('#totals dt')].find((dt) => dt.textContent === l)?.nextElementSibling?.textContent ?? null, label);
    expect(await row('Raster')).toBe('60 × 30 cells of 50 m, EPSG:32650');
    // The depth layer is on the map with wet (opaque) pixels, and the slider steps by the frames' quarter hour.
    const wet = await page.evaluate(() => {
      const r = (window as unknown as { renxing: { deck: { props: { layers: { id: string }[] } }; state: { grid?: { pixels: Uint8ClampedArray } } } }).renxing;
      if (!r.deck.props.layers.some((l) => l.id === 'depth')) return -1;
      const pixels = r.state.grid?.pixels ?? new Uint8ClampedArray(0);
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) n++;
      return n;
    });
    expect(wet).toBeGreaterThan(20);
    expect(await page.getAttribute('#time', 'step')).toBe('0.25');
    await page.screenshot({ path: join(SHOTS, 'viewer-raster.png') });
  });
});
