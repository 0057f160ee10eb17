import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../../shared';
import { actionName, forbiddenMessage, roleName } from './forbidden';
import { isMessageKey } from './i18n';

describe('a 403 explained', () => {
  it('names the role, the action and whom to ask, in English and Spanish', () => {
    expect(forbiddenMessage('en', 'planner', 'sourcing.override')).toBe(
      'Your role (Planner) may not override sourcing — ask a supervisor.',
    );
    expect(forbiddenMessage('es', 'planner', 'sourcing.override')).toBe(
      'Tu rol (Planificador) no puede cambiar la ubicación asignada: pedíselo a un supervisor.',
    );
    // The supervisor is asked first; for configuration, the admin.
    expect(forbiddenMessage('en', 'planner', 'channels.setPaused')).toBe(
      'Your role (Planner) may not pause or resume channels — ask a supervisor.',
    );
    expect(forbiddenMessage('en', 'supervisor', 'users.create')).toBe('Your role (Supervisor) may not create users — ask an admin.');
    expect(forbiddenMessage('es', 'associate', 'orders.cancel')).toBe(
      'Tu rol (Asociado de tienda) no puede cancelar pedidos: pedíselo a un supervisor.',
    );
    expect(forbiddenMessage('en', 'admin', 'orders.list')).toBe('Your role (Admin) may not read the order queue — ask a supervisor.');
  });

  it('says when no one at a desk may do it', () => {
    expect(forbiddenMessage('en', 'planner', 'inventory.snapshot')).toBe(
      'Your role (Planner) may not send stock snapshots: no one does that from a desk.',
    );
    expect(forbiddenMessage('es', 'supervisor', 'inventory.deltas')).toBe(
      'Tu rol (Supervisor) no puede enviar cambios de stock: nadie lo hace desde un escritorio.',
    );
  });

  it('names every endpoint and role of the contract in both languages', () => {
    for (const e of ENDPOINTS) expect(isMessageKey(`action.${e}`), e).toBe(true);
    expect(roleName('es', 'associate')).toBe('Asociado de tienda');
    expect(roleName('en', 'someday-role')).toBe('someday-role');
    expect(actionName('en', 'session.signIn')).toBe('sign in');
    expect(actionName('es', 'orders.future')).toBe('orders.future');
  });
});
