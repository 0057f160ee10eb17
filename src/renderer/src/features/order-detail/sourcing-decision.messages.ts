/** Messages of the "why this location, not that one" view beside an order. */
export const sourcingDecisionEn = {
  'decision.profile': 'Profile {profile} · strategy {strategy} · {method}',
  'decision.method.exact': 'exact search',
  'decision.method.heuristic': 'fast heuristic',
  'decision.cost': 'cost {total}',
  'decision.moreThanChosen': '+{delta} vs chosen',
  'decision.sameAsChosen': 'same cost as chosen; ties go to fewer shipments, then location id',
  'decision.split': '{n} shipments',
  'decision.splitPenalty': 'split penalty {n}',
  'decision.term.distance': 'distance',
  'decision.term.shipping': 'shipping',
  'decision.term.labour': 'labour',
  'decision.term.stockBalance': 'stock balance',
  'decision.term.capacityUse': 'capacity use',
  'event.order.reoptimised': 'Re-optimised',
} as const;

export const sourcingDecisionEs: Record<keyof typeof sourcingDecisionEn, string> = {
  'decision.profile': 'Perfil {profile} · estrategia {strategy} · {method}',
  'decision.method.exact': 'búsqueda exacta',
  'decision.method.heuristic': 'heurística rápida',
  'decision.cost': 'costo {total}',
  'decision.moreThanChosen': '+{delta} frente a la elegida',
  'decision.sameAsChosen': 'mismo costo que la elegida; el empate se decide por menos envíos y luego por id de ubicación',
  'decision.split': '{n} envíos',
  'decision.splitPenalty': 'penalidad por división {n}',
  'decision.term.distance': 'distancia',
  'decision.term.shipping': 'envío',
  'decision.term.labour': 'mano de obra',
  'decision.term.stockBalance': 'equilibrio de stock',
  'decision.term.capacityUse': 'uso de capacidad',
  'event.order.reoptimised': 'Reoptimizado',
};
