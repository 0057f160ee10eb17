import { useEffect, useState } from 'react';
import type { InboxDetail, Product } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { useT } from '../../i18n/locale.store';
import { useExceptionInboxStore } from './exception-inbox.store';
import { useExceptionsStore } from './exceptions.store';
import { knownFixes, replaceSku, setValueAt, valueAt, type QuarantineFix } from './quarantine-fix';

/**
 * The fix a quarantined message needs, as a small form where the desk knows it: an unknown SKU
 * mapped to a catalogue SKU, a missing or invalid field given a value. Applying writes the fix into
 * the payload and replays it; the raw payload stays available as the advanced view.
 */
export function QuarantineFixForm({ detail }: { detail: InboxDetail }) {
  const { t } = useT();
  const busy = useExceptionsStore((s) => s.busy);
  const fixes = knownFixes(detail.issues);
  const [values, setValues] = useState<Record<string, string>>({});
  const [products, setProducts] = useState<Product[]>([]);
  const skuQuery = fixes
    .filter((f) => f.type === 'sku')
    .map((f) => values[key(f)] ?? '')
    .join(' ');
  useEffect(() => {
    const q = skuQuery.trim();
    if (!q) return;
    let live = true;
    desk
      .call('products.list', { search: q, limit: 20 })
      .then((list) => live && setProducts(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [skuQuery]);
  if (!fixes.length) return null;
  const apply = async () => {
    let body: string | null = detail.body;
    for (const f of fixes) {
      const v = (values[key(f)] ?? (f.type === 'field' ? valueAt(detail.body, f.path) : '')).trim();
      if (!v || body === null) continue;
      body = f.type === 'sku' ? replaceSku(body, f.sku, v) : setValueAt(body, f.path, v);
    }
    if (body === null) return;
    const store = useExceptionsStore.getState();
    store.bodyEdited(body);
    if (await store.replayRequested()) useExceptionInboxStore.getState().itemActedOn();
  };
  return (
    <form
      className="intake-block fix-form"
      data-testid="exception-fix-form"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <h3>{t('xinbox.fix.title')}</h3>
      {fixes.map((f) => (
        <label key={key(f)} className="fix-field">
          <span>{f.type === 'sku' ? t('xinbox.fix.sku', { sku: f.sku }) : t('xinbox.fix.field', { path: f.path })}</span>
          <input
            type="text"
            data-testid={f.type === 'sku' ? 'fix-sku' : 'fix-field'}
            data-path={f.path}
            list={f.type === 'sku' ? 'fix-sku-options' : undefined}
            placeholder={f.type === 'sku' ? t('xinbox.fix.skuPlaceholder') : undefined}
            value={values[key(f)] ?? (f.type === 'field' ? valueAt(detail.body, f.path) : '')}
            onChange={(e) => setValues({ ...values, [key(f)]: e.target.value })}
          />
        </label>
      ))}
      <datalist id="fix-sku-options">
        {products.map((p) => (
          <option key={p.sku} value={p.sku}>
            {p.name}
          </option>
        ))}
      </datalist>
      <div className="action-row">
        <button type="submit" className="primary" data-testid="fix-apply" disabled={busy}>
          {busy ? t('exceptions.working') : t('xinbox.fix.apply')}
        </button>
      </div>
    </form>
  );
}

const key = (f: QuarantineFix) => (f.type === 'sku' ? `sku:${f.sku}` : `field:${f.path}`);
