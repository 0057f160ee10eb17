/**
 * Why a wave's orders are together, as the engine records it (`Wave.groupedBy`): one or more of
 * `cut-off HH:MM`, `cut-off HH:MM tomorrow`, `promised DD/MM`, `home delivery`, `store pickup`,
 * joined by ` + `. Stored in that fixed English form (data, comparable across desks); people read
 * it in their language through `describeWaveGroup` — the desk and the printed pick list alike.
 */

export type WaveGroupLocale = 'es' | 'pt' | 'en';

const WORDS: Record<WaveGroupLocale, { cutoff: string; tomorrow: string; promised: string; home: string; pickup: string }> = {
  es: { cutoff: 'corte', tomorrow: 'mañana', promised: 'prometido el', home: 'envío a domicilio', pickup: 'retiro en tienda' },
  pt: { cutoff: 'corte', tomorrow: 'amanhã', promised: 'prometido para', home: 'entrega em domicílio', pickup: 'retirada na loja' },
  en: { cutoff: 'cut-off', tomorrow: 'tomorrow', promised: 'promised', home: 'home delivery', pickup: 'store pickup' },
};

/** One part of a wave's grouping in `locale`; a text in no known form is shown as it came. */
function describePart(part: string, w: (typeof WORDS)[WaveGroupLocale]): string {
  const cutoff = /^cut-off (\d{2}:\d{2})( tomorrow)?$/.exec(part);
  if (cutoff) return `${w.cutoff} ${cutoff[1]}${cutoff[2] ? ` ${w.tomorrow}` : ''}`;
  const promised = /^promised (\d{2}\/\d{2})$/.exec(part);
  if (promised) return `${w.promised} ${promised[1]}`;
  if (part === 'home delivery') return w.home;
  if (part === 'store pickup') return w.pickup;
  return part;
}

/** `groupedBy` for people: "cut-off 16:00 tomorrow + store pickup" → "corte 16:00 mañana + retiro en tienda". */
export function describeWaveGroup(groupedBy: string, locale: string): string {
  const w = WORDS[(locale.slice(0, 2) as WaveGroupLocale) in WORDS ? (locale.slice(0, 2) as WaveGroupLocale) : 'en'];
  return groupedBy
    .split(' + ')
    .map((p) => describePart(p, w))
    .join(' + ');
}
