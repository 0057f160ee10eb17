import net from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared';
import { QueueUnavailableError, withinDeadline } from '../adapters/queue/deadline';
import type { ModuleContext } from './context';
import { createDispatcher } from './dispatch';
import { unavailableError, unavailableService } from './unavailable';

/** A loopback port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('unavailable: a database or queue outage is UNAVAILABLE (503), not an internal error', () => {
  it('knows what pg says when the server is gone or refuses (SQLSTATE 08xxx, 57P01-03, 53300)', () => {
    for (const code of ['08000', '08003', '08006', '08001', '08P01', '57P01', '57P02', '57P03', '53300'])
      expect([code, unavailableService(pgError(code, 'x'))]).toEqual([code, 'database']);
    expect(unavailableService(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(unavailableService(new Error('Connection terminated due to connection timeout'))).toBe('database');
    expect(unavailableService(new Error('timeout exceeded when trying to connect'))).toBe('database');
    expect(unavailableService(new Error('Client has encountered a connection error and is not queryable'))).toBe('database');
  });

  it('looks inside what TypeORM, AggregateError and causes wrap', () => {
    expect(
      unavailableService(new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command'))),
    ).toBe('database');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(unavailableService(new AggregateError([refused, refused], ''))).toBe('database or queue');
    expect(unavailableService(new Error('sourcing failed', { cause: pgError('08006', 'connection failure') }))).toBe('database');
  });

  it('knows the queue: ioredis while Redis is away, and the queue deadline', async () => {
    expect(
      unavailableService(
        Object.assign(new Error('Reached the max retries per request limit (which is 20).'), { name: 'MaxRetriesPerRequestError' }),
      ),
    ).toBe('queue');
    expect(unavailableService(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe('queue');
    expect(unavailableService(new QueueUnavailableError('adding a source-order job', 5000))).toBe('queue');
    // A promise that never settles (ioredis holding a command until it reconnects) is cut short.
    await expect(withinDeadline(new Promise(() => undefined), 'a count', 10)).rejects.toBeInstanceOf(QueueUnavailableError);
    await expect(withinDeadline(Promise.resolve(3), 'a count', 10)).resolves.toBe(3);
  });

  it('classifies the errors real clients raise against a closed port', async () => {
    const port = await closedPort();
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'x', database: 'x', connectionTimeoutMillis: 2000 });
    const pgErr = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(unavailableService(pgErr)).not.toBeNull();
    const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'x', database: 'x', max: 1 });
    expect(unavailableService(await pool.query('SELECT 1').catch((e: unknown) => e))).not.toBeNull();
    await pool.end();

    const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    const redisErr = await redis.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(unavailableService(redisErr)).not.toBeNull();
    expect(unavailableService(await redis.get('k').catch((e: unknown) => e))).toBe('queue');
    redis.disconnect();
  });

  it('leaves every other failure alone: request mistakes, constraint violations, bugs', () => {
    expect(unavailableError(new AppError('VALIDATION_FAILED', 'bad'))).toBeNull();
    expect(unavailableError(pgError('23505', 'duplicate key value violates unique constraint'))).toBeNull();
    expect(unavailableError(pgError('42P01', 'relation "orders" does not exist'))).toBeNull();
    expect(unavailableError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(unavailableError(null)).toBeNull();
    expect(unavailableError('ECONNREFUSED')).toBeNull();
    const own = new AppError('UNAVAILABLE', 'paused');
    expect(unavailableError(own)).toBe(own);
    expect(unavailableError(pgError('57P01', 'terminating connection'))?.toBody().error).toEqual({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('database'),
    });
  });

  it('the dispatcher answers UNAVAILABLE for a handler that lost the database, on every transport', async () => {
    const table = new Map([
      [
        'system.health' as const,
        async () => {
          throw new QueryFailedError('SELECT 1', [], pgError('08006', 'connection failure'));
        },
      ],
      [
        'system.settings' as const,
        async () => {
          throw new Error('a bug');
        },
      ],
    ]);
    const dispatch = createDispatcher({} as ModuleContext, table);
    const actor = { id: 'u', name: 'u', role: 'planner' as const };
    await expect(dispatch('system.health', {}, actor)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(dispatch('system.settings', {}, actor)).rejects.toThrow('a bug');
  });
});
