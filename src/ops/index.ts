/** Operations surface of a worker: health, readiness, metrics, per-host latency and the queue dashboard. */
export { type Dashboard, startDashboard } from './dashboard.js';
export { type HostLatency, HostLatencyStore } from './host-latency.js';
export { OpsMetrics } from './metrics.js';
export { type Check, dependencyProbes, type Probes } from './readiness.js';
export { type OpsServer, startOpsServer } from './server.js';
