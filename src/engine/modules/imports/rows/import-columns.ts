/**
 * The documented layout of an import file: one row per order line, the rows of one order together
 * (same `order_id`), order-level columns repeated or left blank on the order's later rows.
 * Headers match case- and accent-insensitively, with Spanish aliases ("Código postal" = postal_code).
 */
export const IMPORT_COLUMNS = {
  order_id: {
    required: true,
    aliases: ['pedido', 'id_pedido', 'numero_pedido', 'nro_pedido', 'n_pedido', 'order', 'order_number', 'external_id'],
  },
  customer_name: { required: true, aliases: ['cliente', 'nombre_cliente', 'nombre', 'customer', 'nombre_y_apellido'] },
  email: { required: false, aliases: ['correo', 'correo_electronico', 'e_mail', 'mail', 'email_cliente'] },
  phone: { required: false, aliases: ['telefono', 'tel', 'celular', 'movil'] },
  address_line1: { required: true, aliases: ['direccion', 'domicilio', 'calle', 'address', 'address1', 'direccion_1', 'direccion_linea1'] },
  address_line2: { required: false, aliases: ['direccion_2', 'direccion_linea2', 'piso_depto', 'piso', 'address2'] },
  city: { required: true, aliases: ['ciudad', 'localidad'] },
  region: { required: false, aliases: ['provincia', 'estado', 'region', 'state'] },
  postal_code: { required: false, aliases: ['codigo_postal', 'cp', 'zip', 'postcode'] },
  country: { required: true, aliases: ['pais', 'country_code'] },
  lat: { required: false, aliases: ['latitud', 'latitude'] },
  lng: { required: false, aliases: ['longitud', 'lon', 'long', 'longitude'] },
  sku: { required: true, aliases: ['articulo', 'codigo', 'codigo_articulo', 'sku_canal'] },
  title: { required: false, aliases: ['descripcion', 'producto', 'product', 'product_name', 'nombre_producto'] },
  quantity: { required: true, aliases: ['cantidad', 'qty', 'unidades', 'cant'] },
  unit_price: { required: false, aliases: ['precio_unitario', 'precio', 'price'] },
  currency: { required: false, aliases: ['moneda', 'divisa'] },
  delivery_type: { required: false, aliases: ['tipo_entrega', 'entrega', 'tipo_de_entrega', 'modalidad'] },
  pickup_location: { required: false, aliases: ['tienda_retiro', 'sucursal_retiro', 'local_retiro', 'retiro_en', 'pickup_store'] },
  promised_at: { required: false, aliases: ['fecha_prometida', 'fecha_entrega', 'fecha_compromiso', 'promised_date'] },
  payment_status: { required: false, aliases: ['estado_pago', 'pago'] },
  notes: { required: false, aliases: ['notas', 'observaciones', 'comentarios', 'nota'] },
  tags: { required: false, aliases: ['etiquetas', 'tag'] },
} as const satisfies Record<string, { required: boolean; aliases: readonly string[] }>;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;
export const COLUMN_NAMES = Object.keys(IMPORT_COLUMNS) as ImportColumn[];
export const REQUIRED_COLUMNS = COLUMN_NAMES.filter((c) => IMPORT_COLUMNS[c].required);

/** "Código Postal " → "codigo_postal": lower case, no accents, runs of anything else → "_". */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const BY_NAME = new Map<string, ImportColumn>();
for (const c of COLUMN_NAMES) {
  BY_NAME.set(c, c);
  for (const a of IMPORT_COLUMNS[c].aliases) BY_NAME.set(a, c);
}

export type HeaderResult = { ok: true; columns: (ImportColumn | null)[]; ignored: string[] } | { ok: false; error: string };

/** Maps a header row to our columns: which cell index holds which column; unknown headers are ignored (and listed). */
export function resolveHeader(header: readonly string[]): HeaderResult {
  const columns: (ImportColumn | null)[] = [];
  const ignored: string[] = [];
  const seen = new Map<ImportColumn, string>();
  const problems: string[] = [];
  header.forEach((raw) => {
    const col = BY_NAME.get(normaliseHeader(raw)) ?? null;
    if (col && seen.has(col)) {
      problems.push(`columns "${seen.get(col)}" and "${raw}" both mean ${col}; keep one of them`);
    } else if (col) seen.set(col, raw);
    else if (raw.trim()) ignored.push(raw.trim());
    columns.push(col && seen.get(col) === raw ? col : null);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length) {
    problems.unshift(
      `the header row lacks ${missing.map((c) => `${c} (or ${IMPORT_COLUMNS[c].aliases.slice(0, 2).join(', ')})`).join('; ')}; the first row of the file must name the columns — see docs/import-layout.md`,
    );
  }
  if (problems.length) return { ok: false, error: problems.join('. ') };
  return { ok: true, columns, ignored };
}
