import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to an embedded database, Postgres queues and the demo retailer', () => {
    const c = loadConfig({ HOME: '/home/x' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.demo).toBe('seed');
    expect(c.workers).toBe(true);
  });

  it('reads the shared server settings', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/oms',
      REDIS_URL: 'redis://cache:6379',
      ATALAYA_DEMO: 'empty',
      ATALAYA_SIMULATE: '30',
    });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@db:5432/oms', redisUrl: 'redis://cache:6379', demo: 'empty', simulatorRate: 30 });
  });

  it('names the variable and the problem on bad input', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ATALAYA_DEMO: 'lots' })).toThrow(/ATALAYA_DEMO/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined();
  });
});
