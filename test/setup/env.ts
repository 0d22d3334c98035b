import { randomBytes } from 'node:crypto';

/** Service URLs the global setup found or started (defaults match the machine's own services). */
export const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const mongoUrl = () => process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

/** A name no other test uses, for a Redis prefix or a Mongo database. */
export const uniqueName = (stem: string) =>
  `${stem}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
