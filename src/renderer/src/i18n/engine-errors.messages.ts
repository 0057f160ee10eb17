/** Failures the desk names from the engine's error code alone, whatever the engine's English message says. */
export const engineErrorsEn = {
  'error.unavailable.database': 'The database cannot be reached right now; retry in a few seconds.',
  'error.unavailable.queue': 'The job queue cannot be reached right now; retry in a few seconds.',
  'error.unavailable.other': 'The engine cannot do this right now; retry in a few seconds.',
  'error.rateLimited': 'Too many requests; try again in {n} s.',
  'error.internal': 'The engine failed on this request; its log has the details.',
} as const;

export const engineErrorsEs: Record<keyof typeof engineErrorsEn, string> = {
  'error.unavailable.database': 'No se puede conectar con la base de datos en este momento; reintentá en unos segundos.',
  'error.unavailable.queue': 'No se puede conectar con la cola de trabajos en este momento; reintentá en unos segundos.',
  'error.unavailable.other': 'El motor no puede hacer esto en este momento; reintentá en unos segundos.',
  'error.rateLimited': 'Demasiados pedidos; probá de nuevo en {n} s.',
  'error.internal': 'El motor falló con este pedido; su registro tiene los detalles.',
};

export const engineErrorsPtBR: Record<keyof typeof engineErrorsEn, string> = {
  'error.unavailable.database': 'Não é possível conectar ao banco de dados agora; tente de novo em alguns segundos.',
  'error.unavailable.queue': 'Não é possível conectar à fila de tarefas agora; tente de novo em alguns segundos.',
  'error.unavailable.other': 'O motor não pode fazer isso agora; tente de novo em alguns segundos.',
  'error.rateLimited': 'Solicitações demais; tente de novo em {n} s.',
  'error.internal': 'O motor falhou nesta solicitação; o log dele tem os detalhes.',
};
