import { z } from 'zod';

/** A MongoDB `$jsonSchema` (the subset of JSON Schema MongoDB accepts, with `bsonType` instead of `type`). */
export type BsonSchema = Record<string, unknown>;

/** JSON Schema types as BSON types: numbers may arrive as any numeric BSON type, integers as int or long. */
const BSON_TYPES: Record<string, string[]> = {
  string: ['string'],
  number: ['double', 'int', 'long', 'decimal'],
  integer: ['int', 'long'],
  boolean: ['bool'],
  null: ['null'],
  object: ['object'],
  array: ['array'],
};

// Keywords MongoDB's $jsonSchema rejects or that say nothing about stored rows. `additionalProperties`
// goes too: validators pin the fields analysts query and let the schema grow.
const DROPPED = new Set(['$schema', 'additionalProperties', 'default', 'format', 'description', 'id']);

function bsonTypesOf(s: BsonSchema): string[] {
  if (s.bsonType) return ([] as string[]).concat(s.bsonType as string | string[]);
  return ([] as string[])
    .concat((s.type as string | string[] | undefined) ?? [])
    .flatMap((t) => BSON_TYPES[t] ?? []);
}

function convert(s: BsonSchema): BsonSchema {
  // zod writes `T | null` as anyOf [T, {type: null}]: MongoDB reads it better as one schema with null allowed.
  const any = s.anyOf as BsonSchema[] | undefined;
  if (any?.length === 2 && any.some((a) => a.type === 'null')) {
    const inner = convert(any.find((a) => a.type !== 'null')!);
    const types = [...new Set([...bsonTypesOf(inner), 'null'])];
    return {
      ...inner,
      bsonType: types,
      ...(inner.enum ? { enum: [...(inner.enum as unknown[]), null] } : {}),
    };
  }
  const out: BsonSchema = {};
  for (const [key, value] of Object.entries(s)) {
    if (DROPPED.has(key) || key === 'type') continue;
    // zod bounds every integer by ±MAX_SAFE_INTEGER: not a rule of ours.
    if ((key === 'maximum' || key === 'minimum') && Math.abs(value as number) === Number.MAX_SAFE_INTEGER)
      continue;
    if (key === 'const') out.enum = [value];
    else if (key === 'properties')
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, BsonSchema>).map(([k, v]) => [k, convert(v)]),
      );
    else if (key === 'items') out.items = convert(value as BsonSchema);
    else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf')
      out[key] = (value as BsonSchema[]).map(convert);
    else out[key] = value;
  }
  const types = bsonTypesOf(s);
  if (types.length && !out.bsonType) out.bsonType = types.length === 1 ? types[0] : types;
  return out;
}

/**
 * The `$jsonSchema` validator of a zod row schema, so a collection's validator is derived from the same
 * schema as its TypeScript type and a field added there (an indicator's new `subject`) is validated at once.
 * zod's own JSON Schema generator walks the schema; this maps its types to BSON types and dates to `date`.
 */
export function bsonSchemaOf(schema: z.ZodType): BsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === 'date') (ctx.jsonSchema as BsonSchema).bsonType = 'date';
    },
  });
  return convert(json as BsonSchema);
}
