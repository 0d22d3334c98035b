import path from 'node:path';
import {
  ConfigError,
  configFilePath,
  type LoadOptions,
  loadConfig,
  projectRoot,
  readConfigFile,
} from './config/load.js';
import type { Config } from './config/schema.js';
import { type Catalogue, type Gazetteer, parseCatalogue, parseGazetteer } from './indicators/catalogue.js';

/** The indicators stage's own config: the metric catalogue (metrics.yaml) and the gazetteer (cities.yaml). */
export interface IndicatorTables {
  catalogue: Catalogue;
  gazetteer: Gazetteer;
}

function parsed<T>(file: string, parse: (raw: unknown, where: string) => T): T {
  const raw = readConfigFile(file);
  try {
    return parse(raw, file);
  } catch (err) {
    throw new ConfigError(`invalid configuration (${(err as Error).message})`);
  }
}

/**
 * metrics.yaml and cities.yaml of a config folder (the shipped one for a file it lacks), validated by the
 * indicators stage's schemas. Every analysis gets them from here, passed explicitly.
 */
export function indicatorTables(configDir: string): IndicatorTables {
  const dir = path.resolve(projectRoot, configDir);
  return {
    catalogue: parsed(configFilePath(dir, 'metrics.yaml'), parseCatalogue),
    gazetteer: parsed(configFilePath(dir, 'cities.yaml'), parseGazetteer),
  };
}

/**
 * Every config file, validated at start-up from the one config folder (QCITY_CONFIG): the system settings and
 * sources (src/config), then the indicator catalogue and gazetteer from the same folder. A bad value in any of
 * them stops the process with a ConfigError naming file and field.
 */
export function loadSettings(opts: LoadOptions = {}): Config {
  const config = loadConfig(opts);
  indicatorTables(config.configDir);
  return config;
}
