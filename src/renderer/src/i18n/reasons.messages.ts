import type { ReasonCode } from '../../../shared';

type ReasonKey = `reason.${ReasonCode}`;

/**
 * The engine's reasons (src/shared/reasons.ts) in the desk's words, one per code with the same
 * parameters: a new code fails the type check until every language says it. Parameters the
 * sentence does not need (GeoNames' admin1 code) are left out on purpose.
 */
export const reasonsEn = {
  'reason.sourcing.no_stock': 'No location has available stock for every line.',
  'reason.sourcing.stock_taken': 'Other orders took the stock at every candidate location.',
  'reason.sourcing.unknown_sku': 'Unknown SKU {skus} (not in the catalogue).',
  'reason.sourcing.unknown_skus': 'Unknown SKUs {skus} (not in the catalogue).',
  'reason.sourcing.no_profile':
    'No active sourcing profile applies to channel {channel} ({orderType} orders): activate one in the Sourcing view.',
  'reason.sourcing.line_short': 'no eligible location has {quantity} of SKU {sku}',
  'reason.sourcing.line_short_total': 'eligible locations together have {has} of SKU {sku}; {quantity} are needed',
  'reason.sourcing.line_split': '{quantity} × {sku} split: {parts}',
  'reason.sourcing.split_under_minimum': 'every split leaves a part under the minimum value {minimum}',
  'reason.sourcing.too_many_splits': 'no set of at most {maxSplits} locations can fill every line',
  'reason.sourcing.no_option': 'no option',
  'reason.sourcing.strategy_failed': '{strategy}: {failure}',
  'reason.geo.channel': 'the channel',
  'reason.geo.pickup_store': 'the pickup store {code}',
  'reason.geo.gazetteer': 'the city of {place} ({country}) in the GeoNames gazetteer',
  'reason.geo.gazetteer_region_unmatched': 'the city of {place} ({country}) in the GeoNames gazetteer; the province given did not match',
  'reason.intake.not_normalised': 'Order {externalId} cannot be taken: {issues}',
  'reason.intake.field_issue': '{path}: {issue}',
  'reason.intake.channel_gone': 'Channel {channelId} no longer exists.',
  'reason.intake.no_adapter': 'No adapter for channel kind {kind}.',
  'reason.intake.failed_repeatedly': 'Failed {attempts} times; last error: {error}',
  'reason.intake.address_required': 'a delivery address is required for home delivery',
  'reason.intake.not_located':
    'no coordinates were sent and "{place}" could not be located; correct the city or postal code, or send lat/lng',
  'reason.intake.pickup_store_required': 'store pickup needs the pickup store (our location code)',
  'reason.intake.no_such_location': 'there is no location "{code}"; use one of our location codes (e.g. ST-001)',
  'reason.intake.unknown_sku': 'SKU "{sku}" is not in the catalogue; correct the line',
  'reason.intake.unknown_sku_unmapped':
    'SKU "{sku}" is not in the catalogue and this channel has no mapping for it; map it in Channels → SKU mappings, or correct the line',
  'reason.import.order_id_empty': 'order_id is empty; give every row the id of the order it belongs to',
  'reason.import.rows_apart': 'order {order} started at line {line} and other orders came between; put all rows of an order together',
  'reason.import.value_differs':
    '{column} is "{value}" here but "{first}" on line {line} of the same order; give it the same value on every row of the order, or leave it blank after the first',
  'reason.import.lat_not_number': 'lat "{value}" is not a number; write decimal degrees such as -34.6037',
  'reason.import.lng_not_number': 'lng "{value}" is not a number; write decimal degrees such as -58.3816',
  'reason.import.lat_lng_pair': 'give both lat and lng, or neither (the address is then located by city and postal code)',
  'reason.import.delivery_type_unknown': 'delivery_type "{value}" is not known; write home_delivery or store_pickup',
  'reason.import.pickup_location_missing': 'store pickup needs pickup_location: the code of the store (e.g. ST-001)',
  'reason.import.promised_at_not_date': 'promised_at "{value}" is not a date; write 2026-12-24, 24/12/2026 or 2026-12-24T18:00:00-03:00',
  'reason.import.quantity_empty': 'quantity is empty; write the number of units (a whole number, 1 or more)',
  'reason.import.quantity_not_whole': 'quantity "{value}" is not a whole number of units; write 1 or more',
  'reason.import.sku_empty': 'sku is empty; write the product code',
  'reason.import.sku_repeated': 'SKU {sku} is already on line {line} of this order; merge the two rows into one with the total quantity',
} as const satisfies Record<ReasonKey, string>;

export const reasonsEs: Record<keyof typeof reasonsEn, string> = {
  'reason.sourcing.no_stock': 'Ninguna ubicación tiene stock disponible para todas las líneas.',
  'reason.sourcing.stock_taken': 'Otros pedidos tomaron el stock en todas las ubicaciones candidatas.',
  'reason.sourcing.unknown_sku': 'SKU desconocido {skus} (no está en el catálogo).',
  'reason.sourcing.unknown_skus': 'SKU desconocidos {skus} (no están en el catálogo).',
  'reason.sourcing.no_profile':
    'Ningún perfil de abastecimiento activo se aplica al canal {channel} (pedidos {orderType}): activá uno en la vista Abastecimiento.',
  'reason.sourcing.line_short': 'ninguna ubicación elegible tiene {quantity} del SKU {sku}',
  'reason.sourcing.split_under_minimum': 'toda división deja una parte por debajo del valor mínimo {minimum}',
  'reason.sourcing.too_many_splits': 'ningún conjunto de hasta {maxSplits} ubicaciones cubre todas las líneas',
  'reason.sourcing.no_option': 'sin opciones',
  'reason.sourcing.strategy_failed': '{strategy}: {failure}',
  'reason.geo.channel': 'el canal',
  'reason.geo.pickup_store': 'la tienda de retiro {code}',
  'reason.geo.gazetteer': 'la ciudad de {place} ({country}) en el nomenclátor GeoNames',
  'reason.geo.gazetteer_region_unmatched':
    'la ciudad de {place} ({country}) en el nomenclátor GeoNames; la provincia indicada no coincidió',
  'reason.intake.not_normalised': 'El pedido {externalId} no se puede tomar: {issues}',
  'reason.intake.field_issue': '{path}: {issue}',
  'reason.sourcing.line_short_total': 'entre todas las ubicaciones elegibles hay {has} del SKU {sku}; se necesitan {quantity}',
  'reason.sourcing.line_split': '{quantity} × {sku} dividido: {parts}',
  'reason.intake.channel_gone': 'El canal {channelId} ya no existe.',
  'reason.intake.no_adapter': 'No hay adaptador para el tipo de canal {kind}.',
  'reason.intake.failed_repeatedly': 'Falló {attempts} veces; último error: {error}',
  'reason.intake.address_required': 'la entrega a domicilio necesita una dirección',
  'reason.intake.not_located':
    'no se enviaron coordenadas y no se pudo ubicar "{place}"; corregí la ciudad o el código postal, o enviá lat/lng',
  'reason.intake.pickup_store_required': 'el retiro en tienda necesita la tienda de retiro (nuestro código de ubicación)',
  'reason.intake.no_such_location': 'no existe la ubicación "{code}"; usá uno de nuestros códigos de ubicación (p. ej. ST-001)',
  'reason.intake.unknown_sku': 'el SKU "{sku}" no está en el catálogo; corregí la línea',
  'reason.intake.unknown_sku_unmapped':
    'el SKU "{sku}" no está en el catálogo y este canal no tiene un mapeo para él; mapealo en Canales → Mapeos de SKU, o corregí la línea',
  'reason.import.order_id_empty': 'order_id está vacío; poné en cada fila el id del pedido al que pertenece',
  'reason.import.rows_apart':
    'el pedido {order} empezó en la línea {line} y hay otros pedidos en el medio; poné juntas todas las filas de un pedido',
  'reason.import.value_differs':
    '{column} es "{value}" acá pero "{first}" en la línea {line} del mismo pedido; usá el mismo valor en todas las filas del pedido, o dejalo vacío después de la primera',
  'reason.import.lat_not_number': 'lat "{value}" no es un número; escribí grados decimales como -34.6037',
  'reason.import.lng_not_number': 'lng "{value}" no es un número; escribí grados decimales como -58.3816',
  'reason.import.lat_lng_pair': 'poné lat y lng, o ninguna de las dos (la dirección se ubica entonces por ciudad y código postal)',
  'reason.import.delivery_type_unknown': 'delivery_type "{value}" no se conoce; escribí home_delivery (domicilio) o store_pickup (retiro)',
  'reason.import.pickup_location_missing': 'el retiro en tienda necesita pickup_location: el código de la tienda (p. ej. ST-001)',
  'reason.import.promised_at_not_date': 'promised_at "{value}" no es una fecha; escribí 2026-12-24, 24/12/2026 o 2026-12-24T18:00:00-03:00',
  'reason.import.quantity_empty': 'quantity está vacío; escribí la cantidad de unidades (un número entero, 1 o más)',
  'reason.import.quantity_not_whole': 'quantity "{value}" no es un número entero de unidades; escribí 1 o más',
  'reason.import.sku_empty': 'sku está vacío; escribí el código del producto',
  'reason.import.sku_repeated': 'el SKU {sku} ya está en la línea {line} de este pedido; uní las dos filas en una con la cantidad total',
};

export const reasonsPtBR: Record<keyof typeof reasonsEn, string> = {
  'reason.sourcing.no_stock': 'Nenhum local tem estoque disponível para todos os itens.',
  'reason.sourcing.stock_taken': 'Outros pedidos ficaram com o estoque em todos os locais candidatos.',
  'reason.sourcing.unknown_sku': 'SKU desconhecido {skus} (não está no catálogo).',
  'reason.sourcing.unknown_skus': 'SKUs desconhecidos {skus} (não estão no catálogo).',
  'reason.sourcing.no_profile':
    'Nenhum perfil de atribuição ativo se aplica ao canal {channel} (pedidos {orderType}): ative um na visão Atribuição.',
  'reason.sourcing.line_short': 'nenhum local elegível tem {quantity} do SKU {sku}',
  'reason.sourcing.split_under_minimum': 'toda divisão deixa uma parte abaixo do valor mínimo {minimum}',
  'reason.sourcing.too_many_splits': 'nenhum conjunto de até {maxSplits} locais atende todos os itens',
  'reason.sourcing.no_option': 'sem opções',
  'reason.sourcing.strategy_failed': '{strategy}: {failure}',
  'reason.geo.channel': 'o canal',
  'reason.geo.pickup_store': 'a loja de retirada {code}',
  'reason.geo.gazetteer': 'a cidade de {place} ({country}) no índice geográfico GeoNames',
  'reason.geo.gazetteer_region_unmatched':
    'a cidade de {place} ({country}) no índice geográfico GeoNames; o estado informado não coincidiu',
  'reason.intake.not_normalised': 'O pedido {externalId} não pode ser recebido: {issues}',
  'reason.intake.field_issue': '{path}: {issue}',
  'reason.intake.channel_gone': 'O canal {channelId} não existe mais.',
  'reason.intake.no_adapter': 'Não há adaptador para o tipo de canal {kind}.',
  'reason.intake.failed_repeatedly': 'Falhou {attempts} vezes; último erro: {error}',
  'reason.intake.address_required': 'a entrega em domicílio precisa de um endereço',
  'reason.intake.not_located':
    'não foram enviadas coordenadas e não foi possível localizar "{place}"; corrija a cidade ou o CEP, ou envie lat/lng',
  'reason.intake.pickup_store_required': 'a retirada na loja precisa da loja de retirada (nosso código de local)',
  'reason.intake.no_such_location': 'não existe o local "{code}"; use um dos nossos códigos de local (ex.: ST-001)',
  'reason.intake.unknown_sku': 'o SKU "{sku}" não está no catálogo; corrija o item',
  'reason.intake.unknown_sku_unmapped':
    'o SKU "{sku}" não está no catálogo e este canal não tem mapeamento para ele; mapeie-o em Canais → Mapeamentos de SKU ou corrija o item',
  'reason.sourcing.line_short_total': 'somando todos os locais elegíveis há {has} do SKU {sku}; são necessários {quantity}',
  'reason.sourcing.line_split': '{quantity} × {sku} dividido: {parts}',
  'reason.import.order_id_empty': 'order_id está vazio; coloque em cada linha o id do pedido a que ela pertence',
  'reason.import.rows_apart':
    'o pedido {order} começou na linha {line} e há outros pedidos no meio; coloque juntas todas as linhas de um pedido',
  'reason.import.value_differs':
    '{column} é "{value}" aqui mas "{first}" na linha {line} do mesmo pedido; use o mesmo valor em todas as linhas do pedido, ou deixe em branco depois da primeira',
  'reason.import.lat_not_number': 'lat "{value}" não é um número; escreva graus decimais como -34.6037',
  'reason.import.lng_not_number': 'lng "{value}" não é um número; escreva graus decimais como -58.3816',
  'reason.import.lat_lng_pair': 'informe lat e lng, ou nenhum dos dois (o endereço é então localizado pela cidade e pelo CEP)',
  'reason.import.delivery_type_unknown':
    'delivery_type "{value}" não é conhecido; escreva home_delivery (entrega) ou store_pickup (retirada)',
  'reason.import.pickup_location_missing': 'a retirada na loja precisa de pickup_location: o código da loja (ex.: ST-001)',
  'reason.import.promised_at_not_date': 'promised_at "{value}" não é uma data; escreva 2026-12-24, 24/12/2026 ou 2026-12-24T18:00:00-03:00',
  'reason.import.quantity_empty': 'quantity está vazio; escreva o número de unidades (um número inteiro, 1 ou mais)',
  'reason.import.quantity_not_whole': 'quantity "{value}" não é um número inteiro de unidades; escreva 1 ou mais',
  'reason.import.sku_empty': 'sku está vazio; escreva o código do produto',
  'reason.import.sku_repeated': 'o SKU {sku} já está na linha {line} deste pedido; junte as duas linhas em uma com a quantidade total',
};
