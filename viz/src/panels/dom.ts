/** Small DOM helpers the panels share. */
export const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

/** A definition list's rows. */
export function definitions(target: HTMLElement, rows: [string, string][]): void {
  target.replaceChildren(...rows.flatMap(([term, value]) => [element('dt', term), element('dd', value)]));
}
