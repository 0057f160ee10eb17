import type { Branch } from '../../../shared';
import type { CarrierTrackingEvent } from '../../ports/carrier.port';
import { ocaReason, ocaStatus } from './oca-status';
import { fields, nodes, ocaTime, rows, type OcaNode } from './oca-xml';

/** OCA e-Pak answers read into our types: tracking rows and branches. */

/**
 * `Tracking_Pieza` rows (`NumeroEnvio`, `Desdcripcion_Estado` — sic —, `Descripcion_Motivo`, `SUC`,
 * `fecha`) as tracking events, oldest first. A row without a state or a readable date is left out.
 */
export function trackingEvents(trackingNumber: string, tree: OcaNode): CarrierTrackingEvent[] {
  const events: CarrierTrackingEvent[] = [];
  for (const r of rows(tree, 'Table')) {
    // OCA spells it "Desdcripcion_Estado"; the correct spelling is read too.
    const estado = (Object.entries(r).find(([k]) => /^des\w*cripcion_estado$/.test(k))?.[1] ?? r.estado ?? '').trim();
    const occurredAt = ocaTime(r.fecha);
    if (!estado || !occurredAt) continue;
    const motivo = (r.descripcion_motivo ?? r.motivo ?? '').trim();
    const reason = ocaReason(motivo);
    const id = (r.idestado ?? r.id_estado)?.trim();
    const location = (r.suc ?? r.sucursal)?.trim();
    events.push({
      trackingNumber,
      status: ocaStatus(estado, id),
      reason,
      carrierCode: id || estado,
      carrierText: reason ? `${estado}: ${motivo}` : estado,
      occurredAt,
      ...(location ? { location } : {}),
    });
  }
  return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

const coord = (v: string | undefined) => {
  const n = Number((v ?? '').replace(',', '.'));
  return v && Number.isFinite(n) && n !== 0 ? n : null;
};

/**
 * `GetCentrosImposicionConServiciosByCP` (`<CentrosDeImposicion><Centro>…`, or DataSet rows in older
 * variants) as branches. Only branches that hand parcels to customers (service 2, "Entrega de
 * paquetes") are pickup points; a centre listed without services is offered.
 */
export function branchRows(tree: OcaNode): Branch[] {
  const out: Branch[] = [];
  for (const centro of [...nodes(tree, 'Centro'), ...nodes(tree, 'Table')]) {
    const f = fields(centro);
    const id = f.idcentroimposicion?.trim();
    if (!id) continue;
    const services = nodes(centro, 'Servicio').map(fields);
    if (services.length && !services.some((s) => s.idtiposervicio === '2' || /entrega/i.test(s.serviciodesc ?? ''))) continue;
    out.push({
      id,
      name: (f.sucursal || f.descripcion || f.sigla || `OCA ${id}`).trim(),
      address: [[f.calle, f.numero].filter(Boolean).join(' ').trim(), f.localidad?.trim()].filter(Boolean).join(', '),
      postalCode: f.codigopostal?.trim() || null,
      lat: coord(f.latitud),
      lng: coord(f.longitud),
    });
  }
  return out;
}
