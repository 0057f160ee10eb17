/** Messages of the dock in the Pack tab: parcels waiting for their carrier and the close-out. */
export const dockEn = {
  'dock.title': 'Dock — waiting for the carrier',
  'dock.empty': 'No parcel waits for a carrier here.',
  'dock.error': 'The dock could not be loaded: {message}',
  'dock.counts': '{ready} ready · {pending} waiting for a label',
  'dock.closeOut': 'Close out {carrier}',
  'dock.bookPickup': 'and book a pickup',
  'dock.manifested': 'Closed out: {n} parcels on manifest {ref}.',
  'dock.pickupBooked': 'Pickup booked: {ref}.',
  'dock.working': 'Closing out…',
} as const;

export const dockEs: Record<keyof typeof dockEn, string> = {
  'dock.title': 'Muelle — esperando al transportista',
  'dock.empty': 'Ningún bulto espera transportista acá.',
  'dock.error': 'No se pudo cargar el muelle: {message}',
  'dock.counts': '{ready} listos · {pending} esperando etiqueta',
  'dock.closeOut': 'Cerrar {carrier}',
  'dock.bookPickup': 'y pedir retiro',
  'dock.manifested': 'Cerrado: {n} bultos en el manifiesto {ref}.',
  'dock.pickupBooked': 'Retiro pedido: {ref}.',
  'dock.working': 'Cerrando…',
};
