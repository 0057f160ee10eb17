import { describe, expect, it, vi } from 'vitest';
import { STAFF_ROLES } from '../../../shared';
import { landingView, visibleViews } from './view-access';
import { VIEWS } from './views';

// The views' components draw maps with Leaflet, which needs a window at import; only their declarations are tested here.
vi.mock('leaflet', () => ({ default: {} }));
vi.mock('leaflet.markercluster', () => ({}));
vi.mock('react-leaflet', () => ({}));

const tabs = (role: string | undefined) => visibleViews(VIEWS, role).map((v) => v.id);

describe('role-aware desk views', () => {
  it('shows each role the tabs whose endpoint it may call', () => {
    expect(tabs('planner')).toEqual([
      'tower',
      'exceptions',
      'unroutable',
      'late-board',
      'floor',
      'returns',
      'new-order',
      'import',
      'inventory',
      'sourcing',
      'channels',
    ]);
    expect(tabs('supervisor')).toEqual([
      'tower',
      'exceptions',
      'unroutable',
      'late-board',
      'floor',
      'returns',
      'new-order',
      'import',
      'inventory',
      'sourcing',
      'channels',
      'printers',
      'carriers',
      'audit',
    ]);
    // A store associate: their floor, the returns counter, the endless aisle and stock — no tower, no override, no configuration.
    expect(tabs('associate')).toEqual(['floor', 'returns', 'new-order', 'inventory']);
    // An admin: configuration (printers, carriers, notifications too) and the audit trail, no orders or customers.
    expect(tabs('admin')).toEqual(['inventory', 'channels', 'users', 'api-keys', 'printers', 'carriers', 'notifications', 'audit']);
    expect(tabs(undefined)).toEqual([]);
    expect(tabs('integrator')).toEqual([]);
  });

  it('lands an associate on their floor, an admin on Users, the central desk on the tower', () => {
    expect(landingView(VIEWS, 'associate')?.id).toBe('floor');
    expect(landingView(VIEWS, 'admin')?.id).toBe('users');
    expect(landingView(VIEWS, 'planner')?.id).toBe('tower');
    expect(landingView(VIEWS, 'supervisor')?.id).toBe('tower');
    for (const role of STAFF_ROLES) expect(landingView(VIEWS, role)).toBeDefined();
    expect(landingView(VIEWS, undefined)).toBeUndefined();
  });
});
