import { useT } from '../../i18n/locale.store';
import { useMapSettings } from './map-settings.store';

/** The switch for online tiles, shown when the engine has a tile server configured (ATALAYA_TILE_URL). */
export function TilesToggle() {
  const { t } = useT();
  const on = useMapSettings((s) => s.onlineTiles);
  return (
    <label className="map-tiles-toggle" title={t('map.base.tilesHint')}>
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => useMapSettings.getState().onlineTilesToggled(e.target.checked)}
        data-testid="map-tiles"
      />
      {t('map.base.tiles')}
    </label>
  );
}
