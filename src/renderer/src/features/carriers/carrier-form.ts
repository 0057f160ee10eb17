import type { CarrierAccount, CarrierKind, InputOf } from '../../../../shared';

/**
 * The carrier account form as people fill it in: settings as editable key/value rows, secrets
 * write-only — the names of those stored are shown (never values); typing a value replaces one,
 * marking it removed sends an empty value (the contract's "remove"), leaving it alone keeps it.
 */
export interface CarrierForm {
  /** False while adding: the id and kind are chosen once. */
  existing: boolean;
  id: string;
  kind: CarrierKind;
  name: string;
  enabled: boolean;
  settings: { key: string; value: string }[];
  /** Secrets already stored, by name: what to do with each. */
  stored: Record<string, { action: 'keep' | 'replace' | 'remove'; value: string }>;
  /** New secrets typed in this form. */
  added: { key: string; value: string }[];
}

export const newCarrierForm = (kind: CarrierKind = 'simulator'): CarrierForm => ({
  existing: false,
  id: '',
  kind,
  name: '',
  enabled: true,
  settings: [{ key: '', value: '' }],
  stored: {},
  added: [],
});

export const formOf = (a: CarrierAccount): CarrierForm => ({
  existing: true,
  id: a.id,
  kind: a.kind,
  name: a.name,
  enabled: a.enabled,
  settings: Object.entries(a.settings)
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([key, value]) => ({ key, value })),
  stored: Object.fromEntries([...a.secretsSet].sort().map((n) => [n, { action: 'keep' as const, value: '' }])),
  added: [],
});

/** The account id's rule, as the contract checks it. */
export const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** What is wrong with the form before it is sent (message keys with their parameters); empty when it may be saved. */
export function formProblems(
  f: CarrierForm,
): { key: 'carriers.problem.id' | 'carriers.problem.name' | 'carriers.problem.dupe'; name?: string }[] {
  const out: ReturnType<typeof formProblems> = [];
  if (!ACCOUNT_ID.test(f.id.trim())) out.push({ key: 'carriers.problem.id' });
  if (!f.name.trim()) out.push({ key: 'carriers.problem.name' });
  const seen = new Set<string>();
  for (const k of [...f.settings.map((s) => s.key.trim()), ...f.added.map((s) => `secret:${s.key.trim()}`)]) {
    if (!k || k === 'secret:') continue;
    if (seen.has(k)) out.push({ key: 'carriers.problem.dupe', name: k.replace(/^secret:/, '') });
    seen.add(k);
  }
  return out;
}

/** What `carriers.save` takes: blank setting rows dropped; secrets only when something changed (absent keeps them all). */
export function toSaveInput(f: CarrierForm): InputOf<'carriers.save'> {
  const settings = Object.fromEntries(f.settings.filter((s) => s.key.trim()).map((s) => [s.key.trim(), s.value]));
  const secrets: Record<string, string> = {};
  for (const [name, s] of Object.entries(f.stored)) {
    if (s.action === 'remove') secrets[name] = '';
    else if (s.action === 'replace' && s.value !== '') secrets[name] = s.value;
  }
  for (const s of f.added) if (s.key.trim() && s.value !== '') secrets[s.key.trim()] = s.value;
  return {
    id: f.id.trim(),
    kind: f.kind,
    name: f.name.trim(),
    enabled: f.enabled,
    settings,
    ...(Object.keys(secrets).length ? { secrets } : {}),
  };
}
