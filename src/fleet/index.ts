/** The composition root: builds the worker fleet for `qcity worker`, `qcity run --once` and the bench. */
export { type Fleet, type FleetOptions, startFleet } from './fleet.js';
export { metricsHooks } from './metrics-hooks.js';
export { type RunOnceOptions, runOnce } from './run-once.js';
