/// <reference lib="dom" /> -- the page.evaluate callbacks run in the browser
/**
 * The README's screenshots of the viewer: the Tangshan 1976 and Hai He 2023 replays, in Chinese
 * and in English, on a real server with headless Chromium (Debian's chromium with a CJK font).
 * Each run uses the scenario's own options, so the figures are those `npm start` prints.
 * Usage: npm run docs:screenshots (writes docs/viewer-<scenario>-<lang>.png).
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { build } from '../api/app.js';
import { PACKAGE_ROOT } from '../engine/core/paths.js';

const shots = [
  { scenario: 'tangshan-1976', name: 'tangshan' },
  { scenario: 'haihe-2023-replay', name: 'haihe' },
] as const;
const app = await build({ dbPath: ':memory:', rateLimitPerMinute: 0 });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  for (const locale of ['zh-CN', 'en-US'] as const) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => ['Ready', '就绪'].includes(document.getElementById('status')?.textContent ?? ''), null, { timeout: 60_000 });
    for (const { scenario, name } of shots) {
      const previous = await page.evaluate(() => (window as unknown as { renxing: { state: { runId: string } } }).renxing.state.runId);
      await page.selectOption('#scenario', scenario);
      const own = ((await (await fetch(`${base}/scenarios/${scenario}`)).json()) as { options?: { realizations?: number } }).options?.realizations ?? 1;
      await page.waitForFunction((n) => (document.getElementById('realizations') as HTMLInputElement).value === String(n), own, { timeout: 10_000 });
      await page.click('#run');
      await page.waitForFunction((p) => {
        const runId = (window as unknown as { renxing: { state: { runId: string } } }).renxing.state.runId;
        return runId !== p && /^(Run \S+ succeeded|运行 \S+ 已完成)/.test(document.getElementById('status')?.textContent ?? '');
      }, previous, { timeout: 600_000 });
      // The map settles (tiles of text and arcs drawn) before the picture is taken.
      await page.waitForTimeout(1000);
      const file = join(PACKAGE_ROOT, 'docs', `viewer-${name}-${locale.slice(0, 2)}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
}
