/** Redis connections: the one factory, with a behaviour per role (worker, cli, probe, ping). */
export {
  type ConnectionRole,
  closeRedis,
  createRedis,
  type RedisConnectOptions,
  redisOptions,
  retryStrategy,
} from './connection.js';
