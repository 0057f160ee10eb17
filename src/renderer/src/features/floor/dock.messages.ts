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

export const dockPtBR: Record<keyof typeof dockEn, string> = {
  'dock.title': 'Doca — aguardando a transportadora',
  'dock.empty': 'Nenhum volume aguarda transportadora aqui.',
  'dock.error': 'Não foi possível carregar a doca: {message}',
  'dock.counts': '{ready} prontos · {pending} aguardando etiqueta',
  'dock.closeOut': 'Fechar expedição de {carrier}',
  'dock.bookPickup': 'e agendar coleta',
  'dock.manifested': 'Expedição fechada: {n} volumes no manifesto {ref}.',
  'dock.pickupBooked': 'Coleta agendada: {ref}.',
  'dock.working': 'Fechando expedição…',
};
