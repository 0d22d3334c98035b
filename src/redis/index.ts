/** Redis connections: the one factory, with a behaviour per role (worker, cli, probe, ping); key clean-up. */
export {
  type ConnectionRole,
  closeRedis,
  createRedis,
  type RedisConnectOptions,
  redisOptions,
  retryStrategy,
} from './connection.js';
export { unlinkMatching } from './keys.js';
