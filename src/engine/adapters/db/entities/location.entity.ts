import { EntitySchema } from 'typeorm';

/** A store, DC or dark store. EntitySchema (not decorators) so every transpiler builds it the same. */
export interface LocationRow {
  id: string;
  code: string;
  name: string;
  kind: 'store' | 'dc' | 'dark_store';
  city: string;
  lat: number;
  lng: number;
  openingHours: Record<string, { open: string; close: string }>;
  dailyCapacity: number;
  labourCostPerUnit: string;
  active: boolean;
  createdAt: Date;
}

export const LocationEntity = new EntitySchema<LocationRow>({
  name: 'Location',
  tableName: 'locations',
  columns: {
    id: { type: 'text', primary: true },
    code: { type: 'text', unique: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    city: { type: 'text' },
    lat: { type: 'double precision' },
    lng: { type: 'double precision' },
    openingHours: { type: 'jsonb', name: 'opening_hours' },
    dailyCapacity: { type: 'integer', name: 'daily_capacity' },
    labourCostPerUnit: { type: 'numeric', precision: 12, scale: 2, name: 'labour_cost_per_unit' },
    active: { type: 'boolean' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
