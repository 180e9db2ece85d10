/**
 * The viewer end to end in headless Chromium (Debian's chromium with a CJK font, both installed
 * by .ci/run, driven by playwright-core): a real listening API serving the built viewer. It runs
 * the default scenario and checks the map, the totals, a corridor cut drawn red, an edited
 * earthquake, a flood run's hydrograph and its zones over time, the 2D form, the exports, the
 * language switch, and each defect of issue 23 (named in its step). Golden images of fixed views
 * are compared with a tolerance (REGEN_GOLDEN=1 rewrites them); the final views are saved under
 * out/viewer-test/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { decode } from 'fast-png';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../api/app.js';
import { runCli } from '../../engine/cli/program.js';
import { PACKAGE_ROOT } from '../../engine/core/paths.js';
import { formatAsciiGrid } from '../../engine/io/ascii-grid.js';

const CHROMIUM = '/usr/bin/chromium';
/** Where the test leaves its screenshots (ignored by git, like every run output). */
const SHOTS = join(PACKAGE_ROOT, 'out', 'viewer-test');
const GOLDEN = join(PACKAGE_ROOT, 'tests', 'viz', 'golden');
const int = (x: number): string => Math.round(x).toLocaleString('en-US');

type Renxing = {
  deck: { props: { layers: { id: string; props: Record<string, unknown> }[] }; getViewports: () => { project: (p: [number, number]) => number[] }[] };
  state: { runId: string; cuts: string[]; timeH: number; summary?: { zones: { id: string; flood?: unknown }[] }; grid?: { pixels: Uint8ClampedArray } };
  exportPng: () => HTMLCanvasElement | undefined;
};

/** The share of pixels differing by more than 48 in any channel (anti-aliasing and font hinting move a few). */
function differingShare(a: Uint8Array | Uint8ClampedArray | Uint16Array, b: Uint8Array | Uint8ClampedArray | Uint16Array): number {
  let differing = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 48 || Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)) > 48 || Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0)) > 48) differing++;
  }
  return differing / (a.length / 4);
}

describe('the viewer in a browser', () => {
  let app: Awaited<ReturnType<typeof build>>;
  let browser: Browser;
  let page: Page;
  let base: string;
  let rasters: string;
  const errors: string[] = [];

  const status = (): Promise<string | null> => page.textContent('#status');
  const row = (label: string): Promise<string | null> => page.evaluate((l) => [...document.querySelectorAll('#totals dt')].find((dt) => dt.textContent === l)?.nextElementSibling?.textContent ?? null, label);
  const renxing = <T>(fn: (r: Renxing) => T): Promise<T> => page.evaluate<T>(`(${fn.toString()})(window.renxing)`);
  const waitForRun = async (previous: string): Promise<void> => {
    await page.waitForFunction((p) => {
      const text = document.getElementById('status')?.textContent ?? '';
      return (/^Run \S+ succeeded/.test(text) && !text.includes(p)) || text.startsWith('Error');
    }, previous, { timeout: 90_000 });
    expect(await status()).toMatch(/^Run \S+ succeeded/);
  };
  /** The colour a deck layer's accessor gives a feature (what the map draws for it). */
  const colourOf = (layerId: string, accessor: string, featureId: string): Promise<number[] | null> => page.evaluate(([l, a, id]) => {
    const r = (window as unknown as { renxing: Renxing }).renxing;
    const layer = r.deck.props.layers.find((x) => x.id === l);
    const data = layer?.props['data'] as { features?: { properties: { id: string } }[] } | { properties: { id: string } }[] | undefined;
    const features = Array.isArray(data) ? data : (data?.features ?? []);
    const feature = features.find((f) => f.properties.id === id);
    const get = layer?.props[a] as ((f: unknown) => number[]) | undefined;
    return feature && get ? [...get(feature)] : null;
  }, [layerId, accessor, featureId] as const);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
    // A small raster domain (a plain falling eastward, UTM 50N beside the Yongding) for the depth-raster check,
    // and a command-line run's output folder (defect 6: CLI runs are among the past runs).
    rasters = await mkdtemp(join(tmpdir(), 'renxing-viewer-'));
    await writeFile(join(rasters, 'dem.asc'), formatAsciiGrid({ nx: 60, ny: 30, xll: 430_000, yll: 4_400_000, cellSize: 50, data: Float64Array.from({ length: 1800 }, (_, c) => 5 - 0.05 * (c % 60)) }));
    const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
    expect(await runCli(['run', join(PACKAGE_ROOT, 'scenarios', 'baseline.yaml'), '--out', join(rasters, 'out', 'baseline'), '--workers', '1'], quiet)).toBe(0);
    app = await build({ dbPath: ':memory:', workers: 2, rateLimitPerMinute: 0, dataRoots: [rasters], importRunsFrom: [join(rasters, 'out')] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Software WebGL (SwiftShader); no background traffic on a closed network.
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    // An English browser: the page follows it (a Chinese one is checked below).
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    page.on('pageerror', (e) => errors.push(e.message));
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    // A failed set-up (no browser) leaves no folder; the error to see is the set-up's.
    if (rasters !== undefined) await rm(rasters, { recursive: true, force: true });
  });

  it('runs the default scenario, draws the map, shows the totals and answers a corridor cut drawn red', async () => {
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready', null, { timeout: 30_000 });
    expect(await page.inputValue('#scenario')).toBe('tangshan-1976');
    // Defect 6: the form shows the scenario's own ensemble and seed, and the command line's run is among the past runs.
    expect([await page.inputValue('#realizations'), await page.inputValue('#seed')]).toEqual(['200', '1976']);
    expect(await page.locator('#runs option', { hasText: 'Baseline' }).count()).toBe(1);

    await page.fill('#realizations', '10');
    await page.click('#run');
    await waitForRun('(none)');

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

    // The totals panel shows the run's own summary; the replay says when it starts.
    const runId = await renxing((r) => r.state.runId);
    expect(await page.inputValue('#runs')).toBe(runId);
    const summary = (await (await fetch(`${base}/runs/${runId}/summary`)).json()) as { evacuation: { sheltered: number; displaced: number }; realizations: number; seed: number };
    expect([summary.realizations, summary.seed]).toEqual([10, 1976]);
    expect(await row('Sheltered')).toBe(int(summary.evacuation.sheltered));
    expect(await row('Displaced')).toMatch(new RegExp(`^${int(summary.evacuation.displaced)}`));
    expect(await row('Starts')).toBe('1976-07-28 03:42');
    expect(await page.locator('#aid tbody tr').count()).toBeGreaterThan(0);
    // Defect 9: food in people-days, and the matrix never breaks a word.
    expect(await page.textContent('#aid')).toMatch(/[\d,]+ people-days/);
    expect(await page.textContent('#aid')).not.toMatch(/kcal/);
    const breaks = await page.evaluate(() => [...document.querySelectorAll('#aid td, #aid th')].map((c) => getComputedStyle(c)).filter((s) => s.wordBreak === 'break-all' || s.overflowWrap === 'anywhere').length);
    expect(breaks).toBe(0);

    // Cut a corridor: the totals change, to the what-if answer the API gives for the same cut.
    const waterBefore = await row('Without water');
    const target = 'corridor:south-north-diversion-middle-route';
    await page.selectOption('#corridor', target);
    await page.click('#cut');
    await page.waitForFunction(() => /What-if: 1 cut/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 30_000 });
    const answer = (await (await fetch(`${base}/whatif`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ runId, cut: [target] }) })).json()) as { evacuation: { sheltered: number; clearanceTimeH: number }; unservedPopulation: Record<string, number>; failedComponents: { id: string; cause: string }[] };
    expect(await row('Without water')).toBe(int(answer.unservedPopulation['water'] ?? Number.NaN));
    expect(await row('Without water')).not.toBe(waterBefore);
    expect(await row('Sheltered')).toBe(int(answer.evacuation.sheltered));
    expect(await row('Clearance time')).toBe(`${answer.evacuation.clearanceTimeH.toFixed(1)} h`);
    expect(await row('Basis')).toBe('what-if: lifeline cuts applied');
    expect(await page.locator('#cuts li').count()).toBe(1);
    expect(await page.textContent('#cuts')).toBe('Restore South–North Water Diversion, middle route');
    expect(await page.textContent('#backup')).toMatch(/power|water|gas|telecom/);
    // Defect 2: the cut components are drawn red (a cut), not pink (a knock-on).
    const cut = answer.failedComponents.find((f) => f.cause === 'outage');
    expect(cut).toBeDefined();
    expect(await colourOf('lifelines', 'getLineColor', cut?.id ?? '')).toEqual([215, 25, 28, 255]);
    const knockOn = answer.failedComponents.find((f) => f.cause.startsWith('lost '));
    if (knockOn) expect(await colourOf('lifelines', 'getLineColor', knockOn.id)).toEqual([244, 120, 180, 255]);

    // Defect 9: a tooltip in words and units, inside the map even at its right edge.
    const box = await page.locator('#map').boundingBox();
    if (!box) throw new Error('no map');
    // Over a zone with the layers above the zones hidden, so the zone's own tooltip shows.
    const above = ['aid', 'evacuation', 'shelters', 'lifelines', 'rivers', 'flood-areas', 'quake'];
    for (const id of above) await page.uncheck(`#toggle-${id}`);
    const seat = await renxing((r) => r.deck.getViewports()[0]?.project([117.2, 39.13]) ?? [0, 0]);
    await page.mouse.move(box.x + (seat[0] ?? 0), box.y + (seat[1] ?? 0));
    await page.waitForSelector('#tooltip:not([hidden])', { timeout: 5_000 });
    expect(await page.textContent('#tooltip')).toMatch(/residents: [\d,]+/);
    expect(await page.textContent('#tooltip')).not.toMatch(/nameZh|population|kind /);
    // The southernmost county lies by the map's lower edge: its tooltip is moved up to stay inside the map.
    const south = await page.evaluate(async () => {
      const zones = (await (await fetch('/regions/capital/layers/zones')).json()) as { features: { geometry: { coordinates: [number, number] } }[] };
      const at = zones.features.map((f) => f.geometry.coordinates).sort((a, b) => a[1] - b[1])[0] as [number, number];
      return (window as unknown as { renxing: Renxing }).renxing.deck.getViewports()[0]?.project(at) ?? [0, 0];
    });
    expect(south[1]).toBeGreaterThan(box.height - 120);
    await page.mouse.move(box.x + (south[0] ?? 0), box.y + (south[1] ?? 0));
    // Read the tooltip's box in the same frame as its text, so a hover that moves on cannot hide it in between.
    const tip = await page.waitForFunction(() => {
      const el = document.getElementById('tooltip');
      if (!el || el.hidden || !/residents/.test(el.textContent ?? '')) return null;
      const r = el.getBoundingClientRect();
      return { bottom: r.bottom };
    }, null, { timeout: 5_000 }).then((h) => h.jsonValue());
    const map = await page.evaluate(() => (document.getElementById('map') as HTMLElement).getBoundingClientRect().bottom);
    expect(tip?.bottom).toBeLessThanOrEqual(map);
    for (const id of above) await page.check(`#toggle-${id}`);

    // The exported PNG carries the legend: its title band, the ramp and the keys at its lower left (pixel check).
    const legend = await page.evaluate(() => {
      const png = (window as unknown as { renxing: Renxing }).renxing.exportPng();
      if (!png) return null;
      const g = png.getContext('2d') as CanvasRenderingContext2D;
      const band = g.getImageData(0, 0, png.width, 56).data;
      const ramp = (document.querySelector('#legend .bar span') as HTMLElement).style.background;
      const corner = g.getImageData(12, png.height - 200, 290, 188).data;
      let white = 0;
      let dark = 0;
      for (let i = 0; i < corner.length; i += 4) {
        if ((corner[i] ?? 0) > 245 && (corner[i + 1] ?? 0) > 245 && (corner[i + 2] ?? 0) > 245) white++;
        if ((corner[i] ?? 0) < 80 && (corner[i + 1] ?? 0) < 80) dark++;
      }
      let bandWhite = 0;
      for (let i = 0; i < band.length; i += 4) if ((band[i] ?? 0) > 250) bandWhite++;
      return { height: png.height, white: white / (corner.length / 4), dark: dark / (corner.length / 4), bandWhite: bandWhite / (band.length / 4), ramp };
    });
    expect(legend).not.toBeNull();
    expect(legend?.bandWhite).toBeGreaterThan(0.8);
    expect(legend?.white).toBeGreaterThan(0.4);
    expect(legend?.dark).toBeGreaterThan(0.01);

    // Edit the earthquake (Ms 7.8 → 6.0) and run it inline: fewer deaths than the replay, and a title that says Ms 6.0 (defect 7).
    const deathsOf = (text: string | null): number => Number((text ?? '').split(' ')[0]?.replace(/,/g, ''));
    const replayDeaths = deathsOf(await row('Deaths'));
    await page.click('#edit summary');
    await page.fill('#magnitude', '6.0');
    await page.click('#run');
    await waitForRun(runId.slice(0, 8));
    expect(await row('Scenario')).toBe('Tangshan 1976 replay — edited: Ms 6.0');
    expect(deathsOf(await row('Deaths'))).toBeLessThan(replayDeaths);
    await page.click('#edit summary');
    await page.screenshot({ path: join(SHOTS, 'viewer-what-if.png') });
  });

  it('runs the flood replay: a station click shows its hydrograph and cuts nothing, zones follow the slider, calendar time shows', async () => {
    await page.selectOption('#scenario', 'haihe-2023-replay');
    // The form takes the scenario's own options once its file has loaded; one realization is enough here.
    const own = ((await (await fetch(`${base}/scenarios/haihe-2023-replay`)).json()) as { options?: { realizations?: number } }).options?.realizations ?? 1;
    await page.waitForFunction((n) => (document.getElementById('realizations') as HTMLInputElement).value === String(n), own, { timeout: 10_000 });
    await page.fill('#realizations', '1');
    const previous = await renxing((r) => r.state.runId);
    await page.click('#run');
    await waitForRun(previous.slice(0, 8));

    // Defect 1: clicking the Lugouqiao station with the lifeline layer on shows its hydrograph and cuts nothing.
    expect(await page.isChecked('#toggle-lifelines')).toBe(true);
    // The header may have changed height: wait for the map's viewport to match its element before projecting.
    await page.waitForFunction(() => {
      const viewport = (window as unknown as { renxing: { deck: { getViewports: () => { width: number; height: number }[] } } }).renxing.deck.getViewports()[0];
      const map = document.getElementById('map') as HTMLElement;
      return viewport?.width === map.clientWidth && viewport.height === map.clientHeight;
    }, null, { timeout: 10_000 });
    const station = await page.evaluate(async () => {
      const rivers = (await (await fetch('/regions/capital/layers/rivers')).json()) as { features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[] };
      const at = rivers.features.find((f) => f.properties.id === 'stn-lugouqiao')?.geometry.coordinates as [number, number];
      return (window as unknown as { renxing: Renxing }).renxing.deck.getViewports()[0]?.project(at) ?? [0, 0];
    });
    // The map's click handler at the station's pixel, with the lifelines drawn over it there: what deck.gl calls on a click.
    await page.evaluate(([x, y]) => (window as unknown as { renxing: { pick: (x: number, y: number) => void } }).renxing.pick(x, y), [station[0] ?? 0, station[1] ?? 0] as const);
    expect(await page.evaluate(([x, y]) => (window as unknown as { renxing: { deck: { pickMultipleObjects: (o: object) => { layer?: { id: string } }[] } } }).renxing.deck.pickMultipleObjects({ x, y, radius: 4, depth: 8 }).map((p) => p.layer?.id), [station[0] ?? 0, station[1] ?? 0] as const)).toContain('lifelines');
    expect(await page.textContent('#hydrograph-hint')).toMatch(/^Lugouqiao.*peak [\d,]+ m³\/s at/);
    expect((await page.getAttribute('#hydrograph polyline:nth-of-type(2)', 'points'))?.split(' ').length).toBeGreaterThan(100);
    expect(await renxing((r) => r.state.cuts.length)).toBe(0);
    expect(await page.locator('#cuts li').count()).toBe(0);
    expect(await status()).not.toMatch(/What-if/);

    // Its flood impact: residents on flooded land as the API reports them.
    const floodRun = await renxing((r) => r.state.runId);
    const flood = (await (await fetch(`${base}/runs/${floodRun}/summary`)).json()) as { flood: { exposure: { populationExposed: { mean: number } } }; zones: { id: string; flood?: { maxDepthM: number } }[] };
    expect(flood.flood.exposure.populationExposed.mean).toBeGreaterThan(0);
    expect(await row('Residents on flooded land')).toBe(int(flood.flood.exposure.populationExposed.mean));

    // Defect 8: zones coloured by flood depth change with the slider; the time reads as calendar time.
    await page.selectOption('#metric', 'flood-depth');
    // At the hour the deepest flooded area peaks, a zone in it is coloured; at 4 h, before the water comes, it is clear.
    const { wettest, peakH } = await page.evaluate(async (id) => {
      const s = (await (await fetch(`/runs/${id}/summary`)).json()) as { flood: { floodedAreas: { id: string; maxStageM: number; hourlyStageM: number[] }[] } };
      const rivers = (await (await fetch('/regions/capital/layers/rivers')).json()) as { features: { properties: { id: string; zone?: string; zones?: Record<string, number> } }[] };
      const deepest = [...s.flood.floodedAreas].sort((a, b) => b.maxStageM - a.maxStageM)[0];
      const area = rivers.features.find((f) => f.properties.id === deepest?.id)?.properties;
      const zone = Object.keys(area?.zones ?? {})[0] ?? area?.zone ?? '';
      return { wettest: zone, peakH: deepest ? deepest.hourlyStageM.indexOf(Math.max(...deepest.hourlyStageM)) : 0 };
    }, floodRun);
    expect(flood.zones.find((z) => z.id === wettest)?.flood?.maxDepthM).toBeGreaterThan(0);
    await page.fill('#time', String(peakH));
    await page.dispatchEvent('#time', 'input');
    const atEnd = await colourOf('zones', 'getFillColor', wettest);
    expect(atEnd?.[3]).toBeGreaterThan(0);
    await page.fill('#time', '4');
    await page.dispatchEvent('#time', 'input');
    expect(await page.textContent('#time-out')).toBe('4 h · 2023-07-30 00:00');
    expect(await page.textContent('#legend')).toMatch(/Flood water depth \(m\) at 4 h · 2023-07-30 00:00.*\d\.\d\d m/s);
    const atFour = await colourOf('zones', 'getFillColor', wettest);
    expect(atFour).not.toEqual(atEnd);
    expect(atFour?.[3]).toBe(0);
    await page.fill('#time', await page.getAttribute('#time', 'max') ?? '0');
    await page.dispatchEvent('#time', 'input');
    await page.screenshot({ path: join(SHOTS, 'viewer-flood.png') });
  });

  it('shows the API’s reasons for a refused 2D run, then runs one from its form and draws its depth frames', async () => {
    // A first try without the DEM is refused in the page, naming the field.
    await page.fill('#raster-hours', '1');
    await page.fill('#raster-every', '0.25');
    await page.fill('#raster-x', '430100');
    await page.fill('#raster-y', '4400700');
    await page.fill('#raster-q', '20');
    await page.click('#raster-run');
    expect(await status()).toBe('Error: DEM: give the path of a DEM on the server');
    // Defect 3: a DEM outside the data folders, and a missing one, each say so (not only "cannot be read").
    await page.fill('#raster-dem', '/etc/hostname.asc');
    await page.click('#raster-run');
    await page.waitForFunction(() => /^Error: .+/.test(document.getElementById('status')?.textContent ?? '') && !/give the path/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await status()).toMatch(/domain\.dem: '\/etc\/hostname\.asc' must be a file inside the bundled scenarios or a folder this server allows/);
    await page.fill('#raster-dem', join(rasters, 'missing.asc'));
    await page.evaluate(() => { (document.getElementById('status') as HTMLElement).textContent = ''; });
    await page.click('#raster-run');
    await page.waitForFunction(() => /^Error/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await status()).toMatch(/cannot be read — no such file or unreadable \(from request domain\.dem\)/);

    await page.fill('#raster-dem', join(rasters, 'dem.asc'));
    await page.fill('#raster-n', '0.03');
    await page.fill('#raster-epsg', '32650');
    await page.selectOption('#raster-free', 'E');
    await page.evaluate(() => { (document.getElementById('status') as HTMLElement).textContent = ''; });
    await page.click('#raster-run');
    await page.waitForFunction(() => /^(Run \S+ succeeded|Error)/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(await status()).toMatch(/^Run \S+ succeeded/);
    expect(await row('Raster')).toBe('60 × 30 cells of 50 m, EPSG:32650');
    // The depth layer is on the map with wet (opaque) pixels, and the slider steps by the frames' quarter hour.
    const wet = await renxing((r) => {
      if (!r.deck.props.layers.some((l) => l.id === 'depth')) return -1;
      const pixels = r.state.grid?.pixels ?? new Uint8ClampedArray(0);
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) n++;
      return n;
    });
    expect(wet).toBeGreaterThan(20);
    expect(await page.getAttribute('#time', 'step')).toBe('0.25');
    await page.screenshot({ path: join(SHOTS, 'viewer-raster.png') });
    expect(errors).toEqual([]);
  });

  it('opens in Chinese for a Chinese browser, leaves no visible English, and keeps the planner’s choice', async () => {
    const zhPage = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    try {
      await zhPage.goto(`${base}/`);
      await zhPage.waitForFunction(() => document.getElementById('status')?.textContent === '就绪', null, { timeout: 30_000 });
      const tangshan = await zhPage.evaluate(() => [...(document.getElementById('runs') as HTMLSelectElement).options].find((o) => o.text.startsWith('1976 年唐山'))?.value ?? '');
      await zhPage.selectOption('#runs', tangshan);
      await zhPage.waitForFunction(() => /^已打开运行/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 90_000 });
      // Walk the visible page for words left in English: every text node and label, bar names, numbers, units and codes.
      const english = await zhPage.evaluate(() => {
        const allowed = /^(Renxing|English|EPSG|DEM|GeoTIFF|ASCII|PNG|CSV|km|g|Ms|Wells|Coppersmith|UTM|x|y)$/;
        const words: string[] = [];
        const visible = (el: Element | null): boolean => {
          for (let e = el; e; e = e.parentElement) {
            if ((e as HTMLElement).hidden || getComputedStyle(e).display === 'none') return false;
          }
          return true;
        };
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          // Run lists and run ids carry the titles and ids runs were stored under.
          if (!parent || ['SCRIPT', 'STYLE'].includes(parent.tagName) || !visible(parent) || parent.closest('#runs, #compare')) continue;
          for (const w of (n.textContent ?? '').match(/[A-Za-z]{2,}/g) ?? []) if (!allowed.test(w) && !/^[0-9a-f]+$/.test(w)) words.push(`${w} (${parent.id || parent.tagName})`);
        }
        for (const el of document.querySelectorAll('[aria-label], [title]')) {
          for (const attr of ['aria-label', 'title']) for (const w of (el.getAttribute(attr) ?? '').match(/[A-Za-z]{2,}/g) ?? []) if (!allowed.test(w)) words.push(`${w} (@${attr})`);
        }
        return words;
      });
      expect(english).toEqual([]);
      // The tooltip and legend too, and numbers in 万.
      expect(await zhPage.textContent('#legend')).toMatch(/[\u4e00-\u9fff]/);
      expect(await zhPage.textContent('#totals')).toMatch(/万/);
      const zhShot = join(SHOTS, 'viewer-zh.png');
      await zhPage.screenshot({ path: zhShot });
      // The planner's choice persists over the browser's language.
      await zhPage.click('#lang');
      expect(await zhPage.textContent('#h-totals')).toBe('Totals');
      await zhPage.reload();
      await zhPage.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready', null, { timeout: 30_000 });
      expect(await zhPage.textContent('#h-totals')).toBe('Totals');
    } finally {
      await zhPage.close();
    }
  });

  it('draws fixed views like their golden images (within a tolerance)', async () => {
    const fresh = await browser.newPage({ viewport: { width: 900, height: 600 }, locale: 'en-US' });
    try {
      await fresh.goto(`${base}/`);
      await fresh.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready', null, { timeout: 30_000 });
      // The region before any run (residents by county, outlines, rivers, names): no animation, no data from a run.
      await fresh.waitForTimeout(500);
      const shot = await fresh.locator('#map canvas').screenshot();
      const golden = join(GOLDEN, 'region-residents.png');
      if (process.env['REGEN_GOLDEN'] === '1' || !existsSync(golden)) {
        await mkdir(GOLDEN, { recursive: true });
        await writeFile(golden, shot);
      }
      const a = decode(shot);
      const b = decode(readFileSync(golden));
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      expect(differingShare(a.data, b.data)).toBeLessThan(0.02);
    } finally {
      await fresh.close();
    }
  });
});
