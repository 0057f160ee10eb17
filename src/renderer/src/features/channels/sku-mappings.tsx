import { useEffect, useState } from 'react';
import type { DeskApi, OutputOf } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { useT } from '../../i18n/locale.store';
import { useMay } from '../session/use-may';

type Mapping = OutputOf<'skuMappings.list'>[number];

/** A channel's SKU map: the channel's SKU → ours. A quarantined "unknown SKU" is fixed here, then replayed. */
export function SkuMappings({ channelId, api = desk }: { channelId: string; api?: Pick<DeskApi, 'call'> }) {
  const { t } = useT();
  const [rows, setRows] = useState<Mapping[]>([]);
  const [channelSku, setChannelSku] = useState('');
  const [sku, setSku] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mayUpsert = useMay('skuMappings.upsert');
  const load = () =>
    api.call('skuMappings.list', { channelId }).then(
      (r) => setRows(r),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the channel changes
  }, [channelId]);
  const add = async () => {
    if (!channelSku.trim() || !sku.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('skuMappings.upsert', { channelId, mappings: [{ channelSku: channelSku.trim(), sku: sku.trim() }] });
      setChannelSku('');
      setSku('');
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sku-mappings" data-testid="sku-mappings">
      <h3>{t('channels.sku.title')}</h3>
      {rows.length ? (
        <table className="intake-table">
          <thead>
            <tr>
              <th>{t('channels.sku.channelSku')}</th>
              <th>{t('channels.sku.ourSku')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.channelSku}>
                <td className="mono">{m.channelSku}</td>
                <td className="mono">{m.sku}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">{t('channels.sku.none')}</p>
      )}
      <form
        className="action-row"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <input
          aria-label={t('channels.sku.channelSku')}
          placeholder={t('channels.sku.channelSku')}
          data-testid="sku-channel"
          value={channelSku}
          maxLength={128}
          onChange={(e) => setChannelSku(e.target.value)}
        />
        <input
          aria-label={t('channels.sku.ourSku')}
          placeholder={t('channels.sku.ourSku')}
          data-testid="sku-ours"
          value={sku}
          maxLength={64}
          onChange={(e) => setSku(e.target.value)}
        />
        <button type="submit" disabled={busy || !mayUpsert.ok} title={mayUpsert.why} data-testid="sku-add">
          {t('channels.sku.add')}
        </button>
      </form>
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
