/**
 * The run form's scenario: the bundled file as it is, or edited (the earthquake's magnitude,
 * epicentre and depth, a factor on the storm totals) under a title that says what was changed,
 * and run options sent only where they differ from the scenario's own.
 */
import type { ScenarioFile } from './api.js';
import { t } from './i18n/i18n.js';

export interface Edits { magnitude?: number | undefined; lon?: number | undefined; lat?: number | undefined; depthKm?: number | undefined; rainScale?: number | undefined }

type Quake = { type: 'earthquake'; magnitude: number; epicenter: [number, number]; depthKm: number };

/** A title without its magnitude, which an edit may have changed: "Tangshan 1976 replay (Ms 7.8)" → "Tangshan 1976 replay". */
export const withoutMagnitude = (title: string): string => title.replace(/\s*[(（][^()（）]*(?:\bMs?\s*\d|震级)[^()（）]*[)）]/g, '').trim();

/** The scenario with the edits applied, or undefined when nothing differs from the file. `title` is the file's title in the page's language. */
export function editedScenario(file: ScenarioFile, edits: Edits, title: string): ScenarioFile | undefined {
  const edited = structuredClone(file);
  const changes: string[] = [];
  const quake = edited.hazards.find((h): h is Quake => h.type === 'earthquake');
  if (quake) {
    const changed = (value: number | undefined, current: number): value is number => value !== undefined && Number.isFinite(value) && value !== current;
    if (changed(edits.magnitude, quake.magnitude)) {
      quake.magnitude = edits.magnitude;
      changes.push(t('edit.magnitude', { value: edits.magnitude.toFixed(1) }));
    }
    const lon = changed(edits.lon, quake.epicenter[0]) ? edits.lon : quake.epicenter[0];
    const lat = changed(edits.lat, quake.epicenter[1]) ? edits.lat : quake.epicenter[1];
    if (lon !== quake.epicenter[0] || lat !== quake.epicenter[1]) {
      quake.epicenter = [lon, lat];
      changes.push(t('edit.epicentre', { lon: lon.toFixed(2), lat: lat.toFixed(2) }));
    }
    if (changed(edits.depthKm, quake.depthKm)) {
      quake.depthKm = edits.depthKm;
      changes.push(t('edit.depth', { value: edits.depthKm }));
    }
  }
  const scale = edits.rainScale;
  if (scale !== undefined && Number.isFinite(scale) && scale !== 1 && edited.hazards.some((h) => h.type === 'rainfall')) {
    for (const h of edited.hazards) {
      if (h.type !== 'rainfall') continue;
      const rain = h as { totalsMm?: Record<string, number>; uniformMm?: number };
      if (rain.totalsMm) rain.totalsMm = Object.fromEntries(Object.entries(rain.totalsMm).map(([k, mm]) => [k, mm * scale]));
      if (rain.uniformMm !== undefined) rain.uniformMm *= scale;
    }
    changes.push(t('edit.rain', { value: scale }));
  }
  if (changes.length === 0) return undefined;
  return { ...edited, id: `${file.id}-edited`, title: t('edit.title', { title: withoutMagnitude(title), changes: changes.join(', ') }) };
}

/** Run options: only those the planner changed from the scenario's own, so a bundled scenario runs as `npm start` runs it. */
export function runOptions(file: ScenarioFile, form: { realizations?: number | undefined; seed?: number | undefined }): { realizations?: number; seed?: number } {
  const own = { realizations: file.options?.realizations ?? 1, seed: file.options?.seed ?? 1 };
  return {
    ...(form.realizations !== undefined && form.realizations !== own.realizations ? { realizations: form.realizations } : {}),
    ...(form.seed !== undefined && form.seed !== own.seed ? { seed: form.seed } : {}),
  };
}
