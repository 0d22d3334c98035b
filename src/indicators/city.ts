import { gazetteer } from './catalogue.js';

interface Name {
  form: string;
  city: string;
}

let names: Name[] | undefined;

/** Every written form (Simplified, Traditional, with and without 市), longest first. */
function allNames(): Name[] {
  if (!names) {
    const list: Name[] = [];
    for (const c of gazetteer()) {
      const bare = c.name.replace(/市$/, '');
      for (const f of new Set([bare, ...c.traditional, ...c.aliases])) {
        list.push({ form: `${f}市`, city: c.name }, { form: f, city: c.name });
      }
    }
    names = list.sort((a, b) => b.form.length - a.form.length);
  }
  return names;
}

/** First city named in `text` (by position), as its canonical Simplified name with 市. */
export function findCity(text: string): string | null {
  let best: { at: number; city: string } | null = null;
  for (const n of allNames()) {
    const at = text.indexOf(n.form);
    if (at >= 0 && (best === null || at < best.at)) best = { at, city: n.city };
  }
  return best?.city ?? null;
}

/** Canonical name for a city given in any form (欽州 → 钦州市); null when not in the gazetteer. */
export function canonicalCity(name: string): string | null {
  return allNames().find((n) => n.form === name)?.city ?? null;
}

/**
 * The city an article is about: its title, then its source line, then the first mention in the
 * body (in that order, since a body also names the places a delegation visited).
 */
export function articleCity(parts: {
  title: string;
  source: string | null;
  body: string;
  defaultCity?: string;
}): string | null {
  return (
    findCity(parts.title) ??
    (parts.source ? findCity(parts.source) : null) ??
    findCity(parts.body.slice(0, 2000)) ??
    (parts.defaultCity ? (canonicalCity(parts.defaultCity) ?? parts.defaultCity) : null)
  );
}
