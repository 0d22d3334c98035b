import type { Gazetteer } from './catalogue.js';

export type PlaceKind = 'province' | 'city' | 'district';

/** A place named in a text. */
export interface Mention {
  kind: PlaceKind;
  /** Canonical name: the province, city (with 市/州…) or district. */
  name: string;
  /** The city a city or district mention belongs to. */
  city: string | null;
  province: string;
  at: number;
  end: number;
}

interface Form {
  form: string;
  kind: PlaceKind;
  name: string;
  city: string | null;
  province: string;
}

/** Place lookups built once per gazetteer: every written form, longest first at each position. */
export class Places {
  private readonly byFirst = new Map<string, Form[]>();
  private readonly provinceShort = new Map<string, string>();
  readonly autonomous = new Set<string>();

  constructor(g: Gazetteer) {
    const add = (f: Form) => {
      const key = f.form[0] as string;
      const list = this.byFirst.get(key) ?? [];
      list.push(f);
      this.byFirst.set(key, list);
    };
    const municipalities = new Set(g.cities.filter((c) => c.province === c.name).map((c) => c.name));
    for (const p of g.provinces) {
      this.provinceShort.set(p.name, p.short);
      if (p.name.endsWith('自治区')) this.autonomous.add(p.name);
      if (municipalities.has(p.name)) continue;
      for (const form of new Set([p.name, p.short]))
        add({ form, kind: 'province', name: p.name, city: null, province: p.name });
    }
    for (const c of g.cities) {
      for (const form of new Set([c.name, ...(c.short ? [c.short] : []), ...c.aliases]))
        add({ form, kind: 'city', name: c.name, city: c.name, province: c.province });
      for (const d of c.districts)
        add({ form: d, kind: 'district', name: d, city: c.name, province: c.province });
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.form.length - a.form.length);
  }

  /** Every place named in `text`, left to right, the longest form winning at each position. */
  mentions(text: string): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < text.length; ) {
      const f = this.byFirst.get(text[i] as string)?.find((x) => text.startsWith(x.form, i));
      if (!f) {
        i++;
        continue;
      }
      // 福州市 and 福州 are one mention; so is 江苏省常州市 read as two, province then city
      out.push({
        kind: f.kind,
        name: f.name,
        city: f.city,
        province: f.province,
        at: i,
        end: i + f.form.length,
      });
      i += f.form.length;
    }
    // 广东、北京、上海: a municipality listed among provinces is named as a province (both ways along the list)
    const listed = (a: Mention | undefined, b: Mention | undefined) =>
      !!a && !!b && /^[、，,和及与]$/u.test(text.slice(a.end, b.at));
    for (const order of [out.keys(), [...out.keys()].reverse()]) {
      for (const k of order) {
        const m = out[k] as Mention;
        if (m.kind !== 'city' || m.city !== m.province) continue;
        const prev = out[k - 1];
        const next = out[k + 1];
        if ((prev?.kind === 'province' && listed(prev, m)) || (next?.kind === 'province' && listed(m, next)))
          out[k] = { ...m, kind: 'province', name: m.province, city: null };
      }
    }
    return out;
  }

  /** Canonical city for a name in any written form (柳州 → 柳州市); null when unknown. */
  canonicalCity(name: string): string | null {
    const m = this.mentions(name).find((x) => x.kind === 'city' || x.kind === 'district');
    return m?.city ?? null;
  }

  /** "常州市武进区", "錦州" (Simplified), "武进区": the city and district a configured name gives. */
  parse(name: string): { city: string | null; district: string | null; province: string | null } {
    const ms = this.mentions(name);
    const district = ms.find((m) => m.kind === 'district');
    const city = ms.find((m) => m.kind === 'city');
    const province = ms.find((m) => m.kind === 'province');
    return {
      city: city?.city ?? district?.city ?? null,
      district: district?.name ?? null,
      province: city?.province ?? district?.province ?? province?.name ?? null,
    };
  }

  short(province: string): string {
    return this.provinceShort.get(province) ?? province;
  }
}

const cache = new WeakMap<Gazetteer, Places>();
export function placesOf(g: Gazetteer): Places {
  let p = cache.get(g);
  if (!p) {
    p = new Places(g);
    cache.set(g, p);
  }
  return p;
}
