import { alignedSimplified } from '../normalise/index.js';
import { defaultGazetteer, type Gazetteer } from './catalogue.js';
import { placesOf } from './places.js';
import { type DocScope, documentScope } from './scope.js';

export interface ArticleParts {
  title: string;
  /** The source line (来源): a publisher, never by itself the subject. */
  source: string | null;
  /** The body in Simplified script. */
  body: string;
  defaultCity?: string | undefined;
}

/** The document's scope (level, city, district, province); see scope.ts for the order of evidence. */
export function articleScope(parts: ArticleParts, gazetteer: Gazetteer = defaultGazetteer()): DocScope {
  return documentScope(
    {
      title: alignedSimplified(parts.title),
      body: parts.body,
      defaultCity: parts.defaultCity ? alignedSimplified(parts.defaultCity) : undefined,
    },
    placesOf(gazetteer),
  );
}

/** The city an article is about (canonical Simplified name), or null for national and provincial texts. */
export function articleCity(parts: ArticleParts, gazetteer: Gazetteer = defaultGazetteer()): string | null {
  return articleScope(parts, gazetteer).city;
}

/** First city named in `text` (Simplified or Traditional), as its canonical name. */
export function findCity(text: string, gazetteer: Gazetteer = defaultGazetteer()): string | null {
  const m = placesOf(gazetteer)
    .mentions(alignedSimplified(text))
    .find((x) => x.kind !== 'province');
  return m?.city ?? null;
}

/** Canonical name for a city given in any form (欽州 → 钦州市); null when not in the gazetteer. */
export function canonicalCity(name: string, gazetteer: Gazetteer = defaultGazetteer()): string | null {
  return placesOf(gazetteer).canonicalCity(alignedSimplified(name));
}
