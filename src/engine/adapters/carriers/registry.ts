import type { CarrierKind } from '../../../shared';
import type { CarrierAdapter } from '../../ports/carrier.port';
import { andreaniCarrier } from './andreani.carrier';
import { enviaCarrier } from './envia.carrier';
import { melhorEnvioCarrier } from './melhorenvio.carrier';
import { mercadoEnviosCarrier } from './mercadoenvios.carrier';
import { ocaCarrier } from './oca.carrier';
import { simulatorCarrier } from './simulator.carrier';

/** Every carrier adapter, by kind (one line per carrier). */
export const CARRIER_ADAPTERS: Readonly<Record<CarrierKind, CarrierAdapter>> = {
  simulator: simulatorCarrier,
  andreani: andreaniCarrier,
  oca: ocaCarrier,
  mercadoenvios: mercadoEnviosCarrier,
  envia: enviaCarrier,
  melhorenvio: melhorEnvioCarrier,
};

export function carrierAdapter(kind: CarrierKind): CarrierAdapter {
  return CARRIER_ADAPTERS[kind];
}
