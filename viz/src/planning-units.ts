/**
 * Aid amounts in the units a plan uses. The engine reports them so (issue 19): shelter places,
 * beds, tents, and people-days of food and water a day at the region's norms (the summary's
 * `aid.norms`: 2,100 kcal and 15 L a person-day in the capital pack). Runs written before then
 * gave food in kcal/day and water in L/day, and shelter in people: those are converted here at
 * the capital pack's norms, so older runs read the same way.
 */
import type { MessageKey } from './i18n/en.js';

const LEGACY_PER_PERSON_DAY: Record<string, number> = { 'kcal/day': 2100, 'L/day': 15 };
const UNIT_KEYS: Record<string, MessageKey> = {
  places: 'unit.places', people: 'unit.places', beds: 'unit.beds', tents: 'unit.tents',
  'people-days/day': 'unit.peopleDays', 'kcal/day': 'unit.peopleDays', 'L/day': 'unit.peopleDays',
};

/** An amount in planning units, and the unit's message key. */
export function planningAmount(amount: number, unit: string): { amount: number; unit: MessageKey | undefined } {
  const per = LEGACY_PER_PERSON_DAY[unit];
  return { amount: per ? amount / per : amount, unit: UNIT_KEYS[unit] };
}
