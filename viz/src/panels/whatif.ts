/** The what-if panel: the cuts (each a button that restores it) and the backup routes the cuts leave. */
import type { BackupRoute } from '../api.js';
import { count } from '../format.js';
import { corridorName, t, tOr } from '../i18n/i18n.js';
import { byId, element } from './dom.js';

export function showCuts(cuts: readonly string[], nameOf: (target: string) => string, onRestore: (target: string) => void): void {
  byId('cuts').replaceChildren(...cuts.map((target) => {
    const button = element('button', t('side.restore', { name: nameOf(target) }));
    button.type = 'button';
    button.dataset['target'] = target;
    button.addEventListener('click', () => onRestore(target));
    const li = element('li');
    li.append(button);
    return li;
  }));
}

export function backupText(r: BackupRoute, componentName: (id: string) => string): string {
  const took = r.takingLoad.slice(0, 3).map((x) => `${corridorName(x.via)} +${count(x.extraPeople)}`).join(', ') || t('side.backupNoneTook');
  const limits = r.bottlenecks.slice(0, 3).map((b) => (b.corridor ? corridorName(b.corridor) : componentName(b.id))).join(', ') || t('side.backupSupply');
  return t('side.backupRow', { system: tOr(`system.${r.system}`, r.system), unmet: count(r.unmet), rerouted: count(r.rerouted), took, limits });
}

export function showBackupRoutes(routes: readonly BackupRoute[], componentName: (id: string) => string): void {
  byId('backup').replaceChildren(...(routes.length === 0 ? [element('li', t('side.backupNone'))] : routes.map((r) => element('li', backupText(r, componentName)))));
}
