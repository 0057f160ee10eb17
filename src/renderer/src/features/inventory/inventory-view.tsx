import { useEffect, useState, type FormEvent } from 'react';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useT, type Translate } from '../../i18n/locale.store';
import type { Locale, MessageKey } from '../../i18n/i18n';
import { AtpMap } from './atp-map';
import { useInventoryStore } from './inventory.store';
import './inventory.css';

function when(t: Translate, locale: Locale, iso: string | null, now: string | undefined): string {
  if (!iso) return t('inventory.never');
  if (iso === now) return t('inventory.now');
  return formatDate(locale, iso);
}

/** The Inventory view: a SKU's ATP per location, network and channel; a location's ledger; the last snapshot's reconciliation. */
export function InventoryView() {
  const { t, locale } = useT();
  const s = useInventoryStore();
  const [sku, setSku] = useState('');
  const [qty, setQty] = useState(1);
  useEffect(() => void useInventoryStore.getState().reconciliationRequested(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.skuLookedUp(sku, Math.max(1, qty)).then(() => s.reconciliationRequested());
  };
  const atp = s.atp;
  const selectedName = atp?.locations.find((l) => l.locationId === s.selectedLocation)?.name ?? s.selectedLocation;
  return (
    <main
      className="inventory"
      data-testid="inventory-view"
      style={{ padding: 16, overflow: 'auto', display: 'grid', gap: 16, alignContent: 'start' }}
    >
      <section className="panel">
        <div className="panel-head">
          <h2>{t('inventory.title')}</h2>
          {s.loading ? <span className="spinner" aria-hidden="true" /> : null}
        </div>
        <form onSubmit={submit} className="inv-form">
          <label>
            {t('inventory.sku')}{' '}
            <input data-testid="inventory-sku" value={sku} onChange={(e) => setSku(e.target.value)} required maxLength={64} />
          </label>
          <label>
            {t('inventory.quantity')}{' '}
            <input data-testid="inventory-qty" type="number" min={1} value={qty} onChange={(e) => setQty(Number(e.target.value))} />
          </label>
          <button type="submit" data-testid="inventory-lookup">
            {t('inventory.lookup')}
          </button>
        </form>
        {s.error ? (
          <div className="banner error" role="alert">
            {t('inventory.error', { message: s.error })}
          </div>
        ) : null}
        {!atp ? (
          <p className="muted" style={{ padding: 8 }}>
            {t('inventory.empty')}
          </p>
        ) : null}
      </section>

      {atp ? (
        <section className="panel" data-testid="inventory-atp">
          <div className="panel-head">
            <h2>
              {t('inventory.network')}: {atp.network.atp}
            </h2>
          </div>
          <p className="inv-note" data-testid="inventory-network">
            {t('inventory.atp')} {atp.network.atp} · {t('inventory.safety')} {atp.network.safety} · {t('inventory.inbound')}{' '}
            {atp.network.inbound} · {t('inventory.promise')} {when(t, locale, atp.network.promiseDate, atp.at)}
          </p>
          <h3>{t('inventory.locations')}</h3>
          {atp.locations.length === 0 ? (
            <p style={{ padding: 8 }}>{t('inventory.noStock', { sku: atp.sku })}</p>
          ) : (
            <div className="inv-atp">
              <table className="inv-table" data-testid="inventory-locations">
                <thead>
                  <tr>
                    {(
                      [
                        'inventory.location',
                        'inventory.onHand',
                        'inventory.reserved',
                        'inventory.safety',
                        'inventory.fenced',
                        'inventory.inbound',
                        'inventory.atp',
                        'inventory.promise',
                      ] as MessageKey[]
                    ).map((k) => (
                      <th key={k}>{t(k)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {atp.locations.map((l) => (
                    <tr
                      key={l.locationId}
                      data-testid={`inventory-loc-${l.locationId}`}
                      onClick={() => void s.locationSelected(l.locationId)}
                      className={l.locationId === s.selectedLocation ? 'selected clickable' : 'clickable'}
                    >
                      <td>{l.name}</td>
                      <td>{l.onHand}</td>
                      <td>{l.reserved}</td>
                      <td>{l.safety}</td>
                      <td>{l.ringFenced}</td>
                      <td>{l.inbound}</td>
                      <td>
                        <strong>{l.atp}</strong>
                      </td>
                      <td>{when(t, locale, l.promiseDate, atp.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <AtpMap atp={atp} selected={s.selectedLocation} onSelect={(id) => void s.locationSelected(id)} />
            </div>
          )}
          <h3>{t('inventory.channels')}</h3>
          <table className="inv-table" data-testid="inventory-channels">
            <thead>
              <tr>
                <th>{t('inventory.channel')}</th>
                <th>{t('inventory.atp')}</th>
                <th>{t('inventory.safety')}</th>
                <th>{t('inventory.fenced')}</th>
                <th>{t('inventory.promise')}</th>
              </tr>
            </thead>
            <tbody>
              {atp.channels.map((c) => (
                <tr key={c.channel}>
                  <td>{t(`channel.${c.channel}` as MessageKey)}</td>
                  <td>
                    <strong>{c.atp}</strong>
                  </td>
                  <td>{c.safety}</td>
                  <td>{c.fenced}</td>
                  <td>{when(t, locale, c.promiseDate, atp.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {atp ? (
        <section className="panel" data-testid="inventory-ledger">
          {!s.selectedLocation ? (
            <p style={{ padding: 8 }}>{t('inventory.ledger.hint')}</p>
          ) : (
            <>
              <div className="panel-head">
                <h2>{t('inventory.ledger', { sku: atp.sku, location: selectedName ?? '' })}</h2>
              </div>
              {s.ledger ? (
                <>
                  <p className="inv-note">
                    {t('inventory.ledger.check', { onHand: String(s.ledger.onHand ?? 0), sum: String(s.ledger.ledgerSum) })}
                  </p>
                  <table className="inv-table">
                    <thead>
                      <tr>
                        {(
                          [
                            'inventory.ledger.at',
                            'inventory.ledger.delta',
                            'inventory.ledger.reservedDelta',
                            'inventory.ledger.balance',
                            'inventory.ledger.reason',
                            'inventory.ledger.actor',
                            'inventory.ledger.source',
                          ] as MessageKey[]
                        ).map((k) => (
                          <th key={k}>{t(k)}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {s.ledger.entries.map((e) => (
                        <tr key={e.id}>
                          <td>{formatDateTime(locale, e.at)}</td>
                          <td>{e.onHandDelta}</td>
                          <td>{e.reservedDelta}</td>
                          <td>{e.balance}</td>
                          <td className="text">
                            {e.reason}
                            {e.reference ? ` (${e.reference})` : ''}
                          </td>
                          <td className="text">{e.actor}</td>
                          <td className="text">{e.source}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              ) : (
                <span className="spinner" aria-hidden="true" />
              )}
            </>
          )}
        </section>
      ) : null}

      <section className="panel" data-testid="inventory-recon">
        <div className="panel-head">
          <h2>{t('inventory.recon')}</h2>
        </div>
        {!s.reconciliation?.snapshot ? (
          <p style={{ padding: 8 }}>{t('inventory.recon.none')}</p>
        ) : (
          <>
            <p className="inv-note">
              {t('inventory.recon.summary', {
                id: s.reconciliation.snapshot.snapshotId,
                source: s.reconciliation.snapshot.source,
                rows: String(s.reconciliation.snapshot.rows),
                changed: String(s.reconciliation.snapshot.changed),
                zeroed: String(s.reconciliation.snapshot.zeroed),
                added: String(s.reconciliation.snapshot.unitsAdded),
                removed: String(s.reconciliation.snapshot.unitsRemoved),
                shortfalls: String(s.reconciliation.snapshot.shortfalls),
              })}
            </p>
            <table className="inv-table">
              <thead>
                <tr>
                  <th>{t('inventory.location')}</th>
                  <th>{t('inventory.sku')}</th>
                  <th>{t('inventory.recon.before')}</th>
                  <th>{t('inventory.recon.reported')}</th>
                  <th>{t('inventory.recon.after')}</th>
                </tr>
              </thead>
              <tbody>
                {s.reconciliation.corrections.map((c) => (
                  <tr key={`${c.locationId}/${c.sku}`}>
                    <td>{c.locationId}</td>
                    <td className="text">{c.sku}</td>
                    <td>{c.before}</td>
                    <td>{c.reported}</td>
                    <td>{c.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </main>
  );
}
