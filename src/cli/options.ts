import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import type { FlagValues } from '../config/load.js';
import { exitWhenFlushed } from '../lifecycle.js';

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

/** A calendar day given as YYYY-MM-DD, taken as its start in China time (UTC+8). */
const chinaDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .transform((d) => new Date(`${d}T00:00:00+08:00`))
  .refine((d) => !Number.isNaN(d.getTime()), 'not a calendar date');

/** Commander parser for a day option (`--since 2024-01-01`): the start of that day in China time. */
export function dayOption(flag: string) {
  return (raw: string): Date => {
    const r = chinaDay.safeParse(raw);
    if (!r.success) throw new InvalidArgumentError(`${flag}: ${r.error.issues[0]?.message ?? 'invalid'}`);
    return r.data;
  };
}

/** A usage error found after parsing: the message on stderr, exit code 2 once it is written. */
export async function usageError(message: string): Promise<never> {
  process.stderr.write(`qcity: ${message}\n`);
  return exitWhenFlushed(2);
}
