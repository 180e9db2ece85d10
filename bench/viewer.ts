/// <reference lib="dom" /> -- the page.evaluate callbacks run in the browser
/**
 * Viewer frame time in headless Chromium (software WebGL, so a floor for real GPUs): open the
 * viewer on a real server and time it to the first map (the page loaded, the region's layers
 * fetched and drawn), run the Tangshan replay with every layer on (the circle outlines switched
 * on too), then play the time slider and record every
 * animation frame for `seconds`; also frames while panning the map; then a flood animation over
 * a 1,000 × 1,000-cell depth raster (24 frames of a spreading flood, coloured in the page each
 * step as a raster run's frames are) with 10,000 lifeline features on the map. Reports mean and
 * 95th percentile frame times and the frame rate.
 * Usage: npm run build && node dist/bench/viewer.js [seconds=5]
 */
import { availableParallelism, cpus } from 'node:os';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { build } from '../api/app.js';

const seconds = Number(process.argv[2] ?? 5);
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}; Chromium headless with SwiftShader (CPU) WebGL`);
const app = await build({ dbPath: ':memory:', rateLimitPerMinute: 0 });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const started = performance.now();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready', null, { timeout: 60_000 });
  // The first map: the frame after the page is ready has drawn the region's layers.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  console.log(`time to the first map: ${Math.round(performance.now() - started)} ms`);
  if (await page.locator('#toggle-circles').count()) await page.check('#toggle-circles');
  await page.fill('#realizations', '20');
  await page.click('#run');
  await page.waitForFunction(() => /^Run \S+ succeeded/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 120_000 });
  const features = await page.evaluate(() => {
    const deck = (window as unknown as { renxing: { deck: { props: { layers: { props: { data: unknown } }[] } } } }).renxing.deck;
    return deck.props.layers.reduce((n, l) => n + (Array.isArray(l.props.data) ? l.props.data.length : ((l.props.data as { features?: unknown[] }).features?.length ?? 0)), 0);
  });
  const measure = async (label: string, action: () => Promise<void>): Promise<void> => {
    await page.evaluate(() => {
      // One recording loop per measurement: a generation number stops the previous one.
      const w = window as unknown as { frames: number[]; generation: number };
      w.frames = [];
      w.generation = (w.generation ?? 0) + 1;
      const mine = w.generation;
      let last = performance.now();
      const tick = (now: number): void => {
        if (w.generation !== mine) return;
        w.frames.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await action();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { frames: number[]; generation: number };
      w.generation++;
      return w.frames.slice(1);
    });
    frames.sort((a, b) => a - b);
    const mean = frames.reduce((a, b) => a + b, 0) / Math.max(frames.length, 1);
    const p95 = frames[Math.floor(0.95 * (frames.length - 1))] ?? Number.NaN;
    console.log(`${label}: ${frames.length} frames, mean ${mean.toFixed(1)} ms (${(1000 / mean).toFixed(0)} fps), p95 ${p95.toFixed(1)} ms`);
  };
  console.log(`layers hold ${features} features (zones, lifelines, rivers, shelters, arcs, roads)`);
  await measure(`playing the time slider for ${seconds} s`, async () => {
    await page.click('#play');
    await page.waitForTimeout(seconds * 1000);
  });
  await measure(`panning for ${seconds} s`, async () => {
    const box = await page.locator('#map').boundingBox();
    if (!box) return;
    const steps = seconds * 30;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i < steps; i++) {
      await page.mouse.move(box.x + box.width / 2 + 150 * Math.sin(i / 10), box.y + box.height / 2 + 100 * Math.cos(i / 10));
      await page.waitForTimeout(1000 / 30);
    }
    await page.mouse.up();
  });
  // The flood animation: synthetic frames through the same path a raster run's frames take.
  await page.evaluate(() => {
    const r = (window as unknown as { renxing: { data: { lifelines: unknown }; showDepthFrames: (f: unknown) => void } }).renxing;
    const n = 1000;
    const features = Array.from({ length: 10_000 }, (_, i) => {
      const x = 115.5 + (i % 100) * 0.03;
      const y = 39 + Math.floor(i / 100) * 0.015;
      return { type: 'Feature', properties: { id: `bench-${i}`, system: ['power', 'water', 'gas', 'telecom'][i % 4] }, geometry: { type: 'LineString', coordinates: [[x, y], [x + 0.02, y + 0.01]] } };
    });
    r.data.lifelines = { type: 'FeatureCollection', features };
    const depths = Array.from({ length: 24 }, (_, k) => {
      const d = new Float32Array(n * n);
      const radius = 50 + 18 * k;
      for (let row = 0; row < n; row++) {
        for (let col = 0; col < n; col++) {
          const dr = Math.hypot(row - 500, col - 300) / radius;
          d[row * n + col] = dr < 1 ? 3 * (1 - dr * dr) : 0;
        }
      }
      return d;
    });
    // 30 km square (1,000 cells of 30 m) around Beijing's south-east.
    r.showDepthFrames({ nx: n, ny: n, corners: [[116.5, 39.6], [116.5, 39.87], [116.85, 39.87], [116.85, 39.6]], timesS: depths.map((_, k) => 300 * (k + 1)), depths, fullDepthM: 3 });
  });
  await measure(`flood animation, 1,000 × 1,000 depth raster and 10,000 lifeline features, for ${seconds} s`, async () => {
    await page.click('#play');
    await page.waitForTimeout(seconds * 1000);
  });
  // Where the time goes: colouring a frame in the page, and the animation without the lifelines.
  const colourMs = await page.evaluate(() => {
    const r = (window as unknown as { renxing: { state: { grid: { depths: Float32Array[]; pixels: Uint8ClampedArray } }; colourFrame: (d: Float32Array, out: Uint8ClampedArray, full: number) => void } }).renxing;
    const t0 = performance.now();
    for (let k = 0; k < 10; k++) r.colourFrame(r.state.grid.depths[k] as Float32Array, r.state.grid.pixels, 3);
    return (performance.now() - t0) / 10;
  });
  console.log(`colouring one 1,000,000-cell frame: ${colourMs.toFixed(1)} ms`);
  await page.uncheck('#toggle-lifelines');
  await measure(`flood animation without the lifeline layer, for ${seconds} s`, async () => {
    await page.click('#play');
    await page.waitForTimeout(seconds * 1000);
  });
} finally {
  await browser.close();
  await app.close();
}
