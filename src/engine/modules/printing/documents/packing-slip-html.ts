import type { DocLocale, PaperSize } from '../../../../shared';
import type { PackingSlipModel } from '../../../core/documents/document-models';
import { docText, formatDateTime, formatWeight, ofTotal, orderReference } from '../../../core/documents/doc-text';
import { barcodeSvg, code128, qrCode } from './barcodes';
import { esc } from './html-page';
import { packingSlipTitle, sheetAddressLines } from './packing-slip-pdf';
import { fact, sheetHtml } from './sheet-html';

/** The packing slip as an HTML page: the same content as the PDF. */
export function packingSlipToHtml(m: PackingSlipModel, paper: PaperSize, locale: DocLocale): string {
  const t = docText(locale);
  const orderCode = code128(String(m.orderNumber));
  const orderSvg = orderCode.kind === 'linear' ? barcodeSvg(orderCode, `${(orderCode.modules * 0.42).toFixed(2)}mm`, '14mm') : '';
  const qrSvg = barcodeSvg(qrCode(orderReference(m.orderNumber)), '22mm', '22mm');
  const addr = (label: string, a: PackingSlipModel['shipTo']) =>
    `<div class="addr"><small>${esc(label)}</small>${sheetAddressLines(a)
      .map((l) => `<div>${esc(l)}</div>`)
      .join('')}</div>`;
  const lines = m.lines
    .map((l) => {
      const parcel =
        l.parcelSeq === null ? t.none : ofTotal(l.parcelSeq, m.parcels.find((p) => p.seq === l.parcelSeq)?.of ?? m.parcels.length);
      return `<tr><td><b>${esc(l.sku)}</b></td><td>${esc(l.productName ?? '')}</td><td class="qty">${l.quantity}</td><td class="r">${esc(parcel)}</td></tr>`;
    })
    .join('');
  const parcels = m.parcels
    .map(
      (p) =>
        `<tr><td><b>${esc(ofTotal(p.seq, p.of))}</b></td><td>${esc(p.code)}</td><td class="r">${esc(formatWeight(p.weightGrams, locale))}</td></tr>`,
    )
    .join('');
  const body = `
<div class="head"><div><h1>${esc(t.packingSlip)}</h1><div class="sub">${esc(t.order)} #${m.orderNumber}</div></div>
<div class="codes"><div>${orderSvg}${m.orderNumber}</div><div>${qrSvg}</div></div></div>
<div class="facts four">${fact(t.channel, m.channel)}${fact(t.externalNumber, m.externalNumber ?? t.none)}${fact(t.orderedAt, formatDateTime(m.orderedAt, locale))}${fact(t.delivery, m.deliveryType === 'store_pickup' ? t.storePickup : t.homeDelivery)}</div>
<div class="addrs">${addr(t.shipFrom, m.shipFrom)}${addr(t.shipTo, m.shipTo)}</div>
<h2>${esc(t.items)}</h2>
<table><thead><tr><th>${esc(t.sku)}</th><th>${esc(t.product)}</th><th class="r">${esc(t.qty)}</th><th class="r">${esc(t.parcel)}</th></tr></thead><tbody>${lines}</tbody></table>
${parcels ? `<h2>${esc(t.parcels)}</h2><table><thead><tr><th>${esc(t.parcel)}</th><th>${esc(t.code)}</th><th class="r">${esc(t.weight)}</th></tr></thead><tbody>${parcels}</tbody></table>` : ''}
${m.notes && m.notes.trim() !== '' ? `<h2>${esc(t.notes)}</h2><p>${esc(m.notes)}</p>` : ''}`;
  return sheetHtml({
    title: packingSlipTitle(m, locale),
    locale,
    paper,
    pageWord: t.page,
    footer: `${t.packingSlip} #${m.orderNumber}${m.externalNumber ? ` · ${m.externalNumber}` : ''}`,
    body,
  });
}
