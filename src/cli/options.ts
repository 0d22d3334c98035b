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
