import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import type { FlagValues } from '../config/load.js';

/**
 * A command-line option that sets a config field (`--concurrency` → worker.concurrency): handed to the config
 * loader as one more layer, so the same zod schema that checks the files and the environment checks it, and a
 * bad value stops the command naming the field and the flag.
 */
export function configFlag(field: string, flag: string, raw: string | undefined): FlagValues {
  return { [field]: raw === undefined ? undefined : { flag, value: Number(raw) } };
}

/** Commander parser for an option that is a whole number but no config field (`--timeout`, `--limit`). */
export function intOption(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const schema = z.coerce.number().int().min(min).max(max);
  return (raw: string): number => {
    const r = schema.safeParse(raw.trim() === '' ? Number.NaN : raw);
    if (!r.success) throw new InvalidArgumentError(`${flag}: ${r.error.issues[0]?.message ?? 'invalid'}`);
    return r.data;
  };
}

/**
 * Command-line options through a zod schema: a bad value stops the command with exit code 2 and
 * a message naming the option (`--since: expected a date YYYY-MM-DD`).
 */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const flag = (key: PropertyKey) => `--${String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  for (const issue of parsed.error.issues) {
    process.stderr.write(
      `qcity: ${issue.path.length ? flag(issue.path[0]!) : 'options'}: ${issue.message}\n`,
    );
  }
  process.exit(2);
}

/** A calendar day given as YYYY-MM-DD, taken as its start in China time (UTC+8). */
export const chinaDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .transform((d) => new Date(`${d}T00:00:00+08:00`))
  .refine((d) => !Number.isNaN(d.getTime()), 'not a calendar date');
