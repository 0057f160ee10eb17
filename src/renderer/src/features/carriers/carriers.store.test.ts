import { describe, expect, it } from 'vitest';
import { AppError, type CarrierAccount } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aCarrierAccount } from '../../test-support/shipping-fixtures';
import { formOf, formProblems, newCarrierForm, toSaveInput } from './carrier-form';
import { capabilityTags, createCarriersStore } from './carriers.store';

function carriersDesk() {
  let accounts: CarrierAccount[] = [
    aCarrierAccount(),
    aCarrierAccount({ id: 'sim', kind: 'simulator', name: 'Simulador', secretsSet: [] }),
  ];
  return fakeDesk({
    'carriers.list': () => accounts,
    'carriers.save': (input) => {
      if (input.kind === 'oca' && !input.settings?.cuit)
        throw new AppError('VALIDATION_FAILED', 'settings.cuit: OCA needs the CUIT of the account');
      const a = aCarrierAccount({
        id: input.id,
        kind: input.kind,
        name: input.name,
        settings: input.settings,
        secretsSet: Object.keys(input.secrets ?? {}),
      });
      accounts = [...accounts.filter((x) => x.id !== input.id), a];
      return a;
    },
    'carriers.test': ({ id }) =>
      id === 'sim'
        ? { ok: true, message: 'Quoted 2 services' }
        : { ok: false, message: 'Andreani refused the user and password (401): check them' },
  });
}

describe('carrier accounts store', () => {
  it('lists accounts by name', async () => {
    const store = createCarriersStore(carriersDesk());
    await store.getState().refreshRequested();
    expect(store.getState().accounts.map((a) => a.name)).toEqual(['Andreani AR', 'Simulador']);
  });

  it('saves a new account and reloads; an engine refusal stays in the form', async () => {
    const api = carriersDesk();
    const store = createCarriersStore(api);
    await store.getState().refreshRequested();
    store.getState().formOpened({ ...newCarrierForm('oca'), id: 'oca-ar', name: 'OCA' });
    expect(await store.getState().saved()).toBe(false);
    expect(store.getState().formError).toBe('settings.cuit: OCA needs the CUIT of the account');
    expect(store.getState().form).not.toBeNull();
    store.getState().formChanged({ ...store.getState().form!, settings: [{ key: 'cuit', value: '30-53625919-4' }] });
    expect(await store.getState().saved()).toBe(true);
    expect(store.getState().form).toBeNull();
    expect(store.getState().accounts.map((a) => a.id)).toContain('oca-ar');
  });

  it('tests credentials: the engine’s words per account, a failure included, then the list again (the circuit may have moved)', async () => {
    const api = carriersDesk();
    const store = createCarriersStore(api);
    await store.getState().refreshRequested();
    await store.getState().tested('andreani-ar');
    await store.getState().tested('sim');
    expect(store.getState().tests).toEqual({
      'andreani-ar': { state: 'done', ok: false, message: 'Andreani refused the user and password (401): check them' },
      sim: { state: 'done', ok: true, message: 'Quoted 2 services' },
    });
    expect(api.inputsOf('carriers.list')).toHaveLength(3);
  });
});

describe('carrier account form', () => {
  it('shows stored secrets by name only, and sends none unless one changed', () => {
    const f = formOf(aCarrierAccount());
    expect(f.stored).toEqual({ password: { action: 'keep', value: '' }, username: { action: 'keep', value: '' } });
    expect(f.settings).toEqual([
      { key: 'baseUrl', value: 'https://apis.andreani.com' },
      { key: 'contract', value: '400006709' },
    ]);
    const input = toSaveInput(f);
    expect(input).not.toHaveProperty('secrets');
    expect(input).toMatchObject({ id: 'andreani-ar', kind: 'andreani', settings: { contract: '400006709' } });
  });

  it('replaces, removes and adds secrets; a replace left blank keeps the stored one', () => {
    const f = formOf(aCarrierAccount());
    const edited = {
      ...f,
      stored: { password: { action: 'replace' as const, value: 's3cret' }, username: { action: 'replace' as const, value: '' } },
      added: [
        { key: ' webhookSecret ', value: 'w' },
        { key: 'empty', value: '' },
      ],
      settings: [...f.settings, { key: '  ', value: 'dropped' }],
    };
    expect(toSaveInput(edited).secrets).toEqual({ password: 's3cret', webhookSecret: 'w' });
    expect(Object.keys(toSaveInput(edited).settings ?? {})).toEqual(['baseUrl', 'contract']);
    const removed = { ...f, stored: { ...f.stored, password: { action: 'remove' as const, value: '' } } };
    expect(toSaveInput(removed).secrets).toEqual({ password: '' });
  });

  it('names what is wrong before sending', () => {
    expect(formProblems(newCarrierForm()).map((p) => p.key)).toEqual(['carriers.problem.id', 'carriers.problem.name']);
    const dupe = {
      ...newCarrierForm(),
      id: 'sim-1',
      name: 'Sim',
      settings: [
        { key: 'rules', value: 'a' },
        { key: 'rules ', value: 'b' },
      ],
    };
    expect(formProblems(dupe)).toEqual([{ key: 'carriers.problem.dupe', name: 'rules' }]);
    const ok = { ...dupe, settings: [{ key: 'rules', value: 'a' }] };
    expect(formProblems(ok)).toEqual([]);
    expect(formProblems({ ...ok, id: 'Bad Id' }).map((p) => p.key)).toEqual(['carriers.problem.id']);
  });

  it('tags capabilities', () => {
    expect(capabilityTags(aCarrierAccount().capabilities)).toEqual(['quote', 'label_async', 'cancel', 'branches', 'webhook', 'polling']);
  });
});
