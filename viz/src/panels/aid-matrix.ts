/**
 * "Which circle takes the load" as a matrix: one row per receiving circle, one column per
 * resource, each cell the aid it gets a day from other circles in planning units (the givers
 * under it). Network supply — power, water or gas still reaching a short circle through the
 * networks — is normal supply, not aid, so it has its own table.
 */
import type { AidTransfer, Summary } from '../api.js';
import { count } from '../format.js';
import { t, tOr } from '../i18n/i18n.js';
import { planningAmount } from '../planning-units.js';
import { byId, element } from './dom.js';

const RESOURCES = ['shelter', 'hospital-beds', 'drinking-water', 'food'];

export interface AidMatrix {
  resources: string[];
  rows: { circle: string; cells: ({ amount: number; unit: string; from: string[] } | undefined)[] }[];
}

/** The aid transfers as a circle × resource matrix (rows by ring, inside out), amounts in planning units. */
export function aidMatrix(transfers: readonly AidTransfer[], circleOrder: readonly string[]): AidMatrix {
  const aid = transfers.filter((x) => !x.resource.endsWith('(network)'));
  const resources = [...RESOURCES.filter((r) => aid.some((x) => x.resource === r)), ...new Set(aid.map((x) => x.resource).filter((r) => !RESOURCES.includes(r)))];
  const circles = [...new Set(aid.map((x) => x.toCircle))].sort((a, b) => circleOrder.indexOf(a) - circleOrder.indexOf(b));
  return {
    resources,
    rows: circles.map((circle) => ({
      circle,
      cells: resources.map((resource) => {
        const into = aid.filter((x) => x.toCircle === circle && x.resource === resource).sort((a, b) => b.amount - a.amount);
        if (into.length === 0) return undefined;
        const planned = planningAmount(into.reduce((s, x) => s + x.amount, 0), into[0]?.unit ?? '');
        return { amount: planned.amount, unit: planned.unit ? t(planned.unit) : (into[0]?.unit ?? ''), from: into.map((x) => x.fromCircle) };
      }),
    })),
  };
}

export function showAid(summary: Summary | undefined, transfers: readonly AidTransfer[], circleName: (id: string) => string): void {
  const order = (summary?.circles ?? []).slice().sort((a, b) => a.ring - b.ring).map((c) => c.id);
  const matrix = aidMatrix(transfers, order);
  const table = byId<HTMLTableElement>('aid');
  const head = element('tr');
  head.append(element('th', t('aid.circle')), ...matrix.resources.map((r) => element('th', tOr(`resource.${r}`, r), 'num')));
  const body = matrix.rows.map((row) => {
    const tr = element('tr');
    tr.append(element('th', circleName(row.circle)), ...row.cells.map((cell) => {
      const td = element('td', '', 'num');
      if (cell) {
        // The amount reads in the cell; the giving circles show on hover, so the matrix fits the panel.
        td.textContent = `${count(cell.amount)} ${cell.unit}`;
        td.title = t('aid.from', { names: cell.from.map(circleName).join('、') });
      }
      return td;
    }));
    return tr;
  });
  table.tHead?.replaceChildren(head);
  table.tBodies[0]?.replaceChildren(...body);
  const network = transfers.filter((x) => x.resource.endsWith('(network)'));
  byId('network-section').hidden = network.length === 0;
  byId('network').replaceChildren(...network.sort((a, b) => b.amount - a.amount).slice(0, 12).map((x) => {
    const system = x.resource.replace(/ \(network\)$/, '');
    return element('li', `${circleName(x.fromCircle)} → ${circleName(x.toCircle)}: ${t('resource.network', { system: tOr(`system.${system}`, system) })} ${count(x.amount)} ${t('unit.people')}`);
  }));
}
