import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { z } from 'zod';
import { checkUrlAllowed } from '../url/index.js';
import { type Config, type ConfigInput, ConfigSchema } from './schema.js';

/** Project root: two levels above this file in both src/ and dist/src/. */
export const projectRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  import.meta.url.includes('/dist/') ? '../../..' : '../..',
);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** true/false, 1/0, yes/no; anything else is left as text so validation names the variable. */
function parseFlag(v: string): unknown {
  const s = v.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  return v;
}

/** Environment variables and the config field each one sets. */
const ENV_FIELDS: Record<string, { path: string[]; parse?: (v: string) => unknown }> = {
  REDIS_URL: { path: ['redis', 'url'] },
  MONGO_URL: { path: ['mongo', 'url'] },
  MONGO_DB: { path: ['mongo', 'db'] },
  QCITY_DATA_DIR: { path: ['dataDir'] },
  QCITY_WORKER_CONCURRENCY: { path: ['worker', 'concurrency'], parse: Number },
  QCITY_ALLOW_PRIVATE: {
    path: ['http', 'allowPrivateNetworks'],
    parse: (v) => v.split(',').map((s) => s.trim()),
  },
  QCITY_OPS_HOST: { path: ['ops', 'host'] },
  QCITY_OPS_PORT: { path: ['ops', 'port'], parse: Number },
  QCITY_DASHBOARD_PORT: { path: ['ops', 'dashboardPort'], parse: Number },
  QCITY_DASHBOARD_USER: { path: ['ops', 'dashboardUser'] },
  QCITY_DASHBOARD_PASSWORD: { path: ['ops', 'dashboardPassword'] },
  QCITY_DASHBOARD_PASSWORD_FILE: { path: ['ops', 'dashboardPasswordFile'] },
  QCITY_DASHBOARD_READ_ONLY: { path: ['ops', 'dashboardReadOnly'], parse: parseFlag },
  LOG_LEVEL: { path: ['log', 'level'] },
};

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge where later layers win; arrays are replaced, not concatenated. */
export function mergeLayers(...layers: unknown[]): Plain {
  const out: Plain = {};
  for (const layer of layers) {
    if (!isPlain(layer)) continue;
    for (const [k, v] of Object.entries(layer)) {
      out[k] = isPlain(v) && isPlain(out[k]) ? mergeLayers(out[k], v) : v;
    }
  }
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A config file as YAML. Bytes that are not text (a NUL, invalid UTF-8) and a document that is not a
 * mapping (or, for the sources file, a list) are errors: otherwise a binary file parses as one scalar and
 * loads as "no settings" with exit 0.
 */
function readYaml(file: string, allowList = false): unknown {
  const bytes = readFileSync(file);
  const nul = bytes.indexOf(0);
  let text: string;
  try {
    if (nul !== -1) throw new Error(`a NUL byte at offset ${nul}`);
    text = strictUtf8.decode(bytes);
  } catch (err) {
    throw new ConfigError(`config file ${file} is not YAML text (${(err as Error).message || 'not UTF-8'})`);
  }
  let parsed: unknown;
  try {
    parsed = YAML.parse(text) ?? {};
  } catch (err) {
    throw new ConfigError(`config file ${file}: ${(err as Error).message}`);
  }
  if (!isPlain(parsed) && !(allowList && Array.isArray(parsed))) {
    const got = Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`;
    throw new ConfigError(
      `config file ${file} must hold a YAML mapping${allowList ? ' or a list of sources' : ''}, not ${got}`,
    );
  }
  return parsed;
}

function envLayer(env: NodeJS.ProcessEnv): Plain {
  const out: Plain = {};
  for (const [name, { path: fieldPath, parse }] of Object.entries(ENV_FIELDS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    setPath(out, fieldPath.join('.'), parse ? parse(raw) : raw);
  }
  return out;
}

/** Sets `value` at a dotted path in a plain object, creating the objects on the way. */
function setPath(out: Plain, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let cursor = out;
  for (const key of keys.slice(0, -1)) {
    cursor[key] = isPlain(cursor[key]) ? cursor[key] : {};
    cursor = cursor[key] as Plain;
  }
  cursor[keys.at(-1)!] = value;
}

/**
 * Command-line options that set config fields, keyed by the field's dotted path: `--concurrency 0` is
 * validated by the same schema as QCITY_WORKER_CONCURRENCY and the files, and its error names the flag.
 */
export type FlagValues = Record<string, { flag: string; value: unknown } | undefined>;

function flagsLayer(flags: FlagValues): Plain {
  const out: Plain = {};
  for (const [dotted, f] of Object.entries(flags))
    if (f && f.value !== undefined) setPath(out, dotted, f.value);
  return out;
}

/**
 * One line per problem, each naming the field, e.g. `http.maxBodyBytes: Too small: expected number to be >=1024`;
 * a field under a source also names the source's id, one set from the environment or a command-line flag
 * names the variable or the flag.
 */
export function describeIssues(
  error: z.ZodError,
  origin: string,
  input?: unknown,
  flags: FlagValues = {},
): string {
  const setBy: (readonly [string, string])[] = [
    ...Object.entries(flags).flatMap(([dotted, f]) =>
      f && f.value !== undefined ? [[dotted, f.flag] as const] : [],
    ),
    ...Object.entries(ENV_FIELDS).map(([name, f]) => [f.path.join('.'), name] as const),
  ];
  const lines = error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(root)';
    const by = setBy.find(([p]) => field === p || field.startsWith(`${p}.`))?.[1];
    const id = sourceIdAt(input, issue.path);
    return `  ${field}${id ? ` (source "${id}")` : ''}: ${issue.message}${by ? ` (set by ${by}?)` : ''}`;
  });
  return `invalid configuration (${origin}):\n${lines.join('\n')}`;
}

/** The id of the source a path `sources.<i>...` points into, when the input has one. */
function sourceIdAt(input: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'sources' || typeof path[1] !== 'number' || !isPlain(input)) return undefined;
  const sources = input.sources;
  const src = Array.isArray(sources) ? sources[path[1]] : undefined;
  return isPlain(src) && typeof src.id === 'string' ? src.id : undefined;
}

/** Cross-field checks zod's shape cannot express. */
function checkSources(cfg: Config): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  cfg.sources.forEach((src, i) => {
    if (seen.has(src.id)) problems.push(`  sources.${i}.id: duplicate source id "${src.id}"`);
    seen.add(src.id);
    for (const u of [...src.startUrls, ...src.articleUrls]) {
      const check = checkUrlAllowed(u, src);
      if (!check.allowed) problems.push(`  sources.${i}.allowedHosts: ${u}: ${check.reason}`);
    }
  });
  return problems;
}

/** Validates an already-assembled config object. Throws ConfigError naming every bad field. */
export function parseConfig(input: ConfigInput | unknown, origin = 'inline', flags: FlagValues = {}): Config {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(result.error, origin, input, flags));
  const problems = checkSources(result.data);
  if (problems.length) throw new ConfigError(`invalid configuration (${origin}):\n${problems.join('\n')}`);
  return result.data;
}

/** The config files, each looked up in the config folder (QCITY_CONFIG). */
export const CONFIG_FILES = {
  system: 'default.yaml',
  sources: 'sources.yaml',
  metrics: 'metrics.yaml',
  cities: 'cities.yaml',
} as const;

/** The shipped config folder, used when QCITY_CONFIG names none. */
export const shippedConfigDir = path.join(projectRoot, 'config');

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export interface LoadOptions {
  /**
   * Config folder holding default.yaml, sources.yaml, metrics.yaml and cities.yaml; default $QCITY_CONFIG
   * (a folder, or its default.yaml) or the shipped config/.
   */
  configDir?: string;
  /** Main config file; default <configDir>/default.yaml (or $QCITY_CONFIG when it names a file). */
  configFile?: string;
  /** Sources file; default <configDir>/sources.yaml (or $QCITY_SOURCES). */
  sourcesFile?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Servers `qcity services up` started, found from the data folder (src/services reads its own state file):
   * they stand in for the configured URLs, below the environment.
   */
  localServices?: (dataDir: string) => Plain | null;
  /** Command-line options that set config fields (validated like every other layer). */
  flags?: FlagValues;
  /** Programmatic overrides applied last (tests, the demo). */
  overrides?: unknown;
}

/** Where the config folder and the main file are: QCITY_CONFIG may name the folder or its default.yaml. */
function configLocation(
  opts: LoadOptions,
  env: NodeJS.ProcessEnv,
): { dir: string; file: string; explicit: boolean } {
  const named = opts.configFile ?? env.QCITY_CONFIG;
  const dirArg = opts.configDir ?? (named && isDir(named) ? named : undefined);
  if (opts.configFile || (named && !dirArg)) {
    const file = (opts.configFile ?? named)!;
    return { dir: path.resolve(opts.configDir ?? path.dirname(path.resolve(file))), file, explicit: true };
  }
  const dir = path.resolve(dirArg ?? shippedConfigDir);
  return { dir, file: configFilePath(dir, CONFIG_FILES.system), explicit: false };
}

/**
 * A config file's path: in the config folder, else the shipped one (a folder holding only default.yaml
 * keeps the shipped sources, catalogue and gazetteer).
 */
export function configFilePath(
  configDir: string,
  name: (typeof CONFIG_FILES)[keyof typeof CONFIG_FILES],
): string {
  const own = path.join(configDir, name);
  return existsSync(own) ? own : path.join(shippedConfigDir, name);
}

/** Reads one YAML config file; a syntax error names the file. */
export function readConfigFile(file: string): unknown {
  return readYaml(file);
}

/** Loads config files, then environment, then flags and overrides, and validates the result once. */
export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const where = configLocation(opts, env);
  const configFile = where.file;
  const sourcesFile =
    opts.sourcesFile ?? env.QCITY_SOURCES ?? configFilePath(where.dir, CONFIG_FILES.sources);
  const layers: unknown[] = [{ configDir: where.dir }];
  const origins: string[] = [];
  if (existsSync(configFile)) {
    layers.push(readYaml(configFile));
    origins.push(configFile);
  } else if (where.explicit) {
    throw new ConfigError(`config file ${configFile} does not exist`);
  }
  if (existsSync(sourcesFile)) {
    const parsed = readYaml(sourcesFile, true);
    layers.push(Array.isArray(parsed) ? { sources: parsed } : parsed);
    origins.push(sourcesFile);
  } else if (opts.sourcesFile ?? env.QCITY_SOURCES) {
    throw new ConfigError(`sources file ${sourcesFile} does not exist`);
  }
  const files = mergeLayers(...layers);
  const dataDir = path.resolve(
    projectRoot,
    env.QCITY_DATA_DIR ?? (typeof files.dataDir === 'string' ? files.dataDir : '.data'),
  );
  const services = opts.localServices?.(dataDir);
  if (services) {
    layers.push(services);
    origins.push(path.join(dataDir, 'services.json'));
  }
  layers.push(envLayer(env));
  origins.push('environment');
  if (opts.flags) {
    layers.push(flagsLayer(opts.flags));
    origins.push('command line');
  }
  if (opts.overrides) {
    layers.push(opts.overrides);
    origins.push('overrides');
  }
  const cfg = parseConfig(mergeLayers(...layers), origins.join(' + '), opts.flags);
  cfg.dataDir = path.resolve(projectRoot, cfg.dataDir);
  cfg.configDir = path.resolve(projectRoot, cfg.configDir);
  return cfg;
}
