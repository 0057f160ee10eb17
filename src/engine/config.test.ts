import { describe, expect, it } from 'vitest';
import { loadConfig, runsWorkers } from './config';

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

  describe('whether workers run here', () => {
    const shared = 'postgres://u@db:5432/oms';
    it('a headless node runs them; a desk runs them only on its embedded database, where it is alone', () => {
      expect(loadConfig({}, {}, 'node').workers).toBe(true);
      expect(loadConfig({ DATABASE_URL: shared }, {}, 'node').workers).toBe(true);
      expect(loadConfig({}, {}, 'desk').workers).toBe(true);
      expect(loadConfig({ DATABASE_URL: shared }, {}, 'desk').workers).toBe(false);
    });

    it('ATALAYA_WORKERS decides when set, either way, on any host', () => {
      for (const on of ['on', '1', 'true']) {
        expect(loadConfig({ DATABASE_URL: shared, ATALAYA_WORKERS: on }, {}, 'desk').workers).toBe(true);
        expect(runsWorkers('desk', shared, on)).toBe(true);
      }
      for (const off of ['off', '0', 'false']) {
        expect(loadConfig({ ATALAYA_WORKERS: off }, {}, 'desk').workers).toBe(false);
        expect(loadConfig({ DATABASE_URL: shared, ATALAYA_WORKERS: off }, {}, 'node').workers).toBe(false);
      }
      expect(loadConfig({ DATABASE_URL: shared, ATALAYA_WORKERS: '' }, {}, 'desk').workers).toBe(false);
      expect(() => loadConfig({ ATALAYA_WORKERS: 'yes' })).toThrow(/ATALAYA_WORKERS/);
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined();
  });
});
