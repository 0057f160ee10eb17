import type { LocationHealth, LocationKind } from '../../../../shared';
import { HEALTH_COLOUR, markerSize, type HealthGrade } from './location-health';

/**
 * The shapes of the map, as SVG inside Leaflet div icons: a store is a circle, a distribution
 * centre a square, a dark store a diamond — told apart without colour, which is the grade's. The
 * shape's path carries the class `atalaya-location atalaya-location-<kind>` (tests and styles find
 * locations by it).
 */
export function shapePath(kind: LocationKind, size: number): string {
  const s = size;
  const m = 1.5; // room for the outline
  if (kind === 'dc') return `M${m} ${m}H${s - m}V${s - m}H${m}Z`;
  if (kind === 'dark_store') return `M${s / 2} ${m}L${s - m} ${s / 2}L${s / 2} ${s - m}L${m} ${s / 2}Z`;
  const r = s / 2 - m;
  return `M${s / 2 - r} ${s / 2}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
}

export interface LocationIcon {
  html: string;
  size: number;
  className: string;
}

/** A location's marker: its shape filled with its grade's colour, outlined thicker when selected. */
export function locationIcon(l: Pick<LocationHealth, 'id' | 'kind' | 'backlog' | 'health'>, selected: boolean): LocationIcon {
  const size = markerSize(l);
  const outline = selected ? '#facc15' : l.kind === 'store' ? '#ffffff' : '#0f172a';
  const width = selected ? 3 : l.kind === 'store' ? 1.5 : 2;
  const html =
    `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true">` +
    `<path class="atalaya-location atalaya-location-${l.kind}" data-location-id="${l.id}" d="${shapePath(l.kind, size)}" ` +
    `fill="${HEALTH_COLOUR[l.health]}" fill-opacity="${l.health === 'paused' ? 0.55 : 0.95}" stroke="${outline}" stroke-width="${width}"/></svg>`;
  return { html, size, className: `atalaya-marker atalaya-marker-${l.kind} health-${l.health}${selected ? ' selected' : ''}` };
}

/**
 * A cluster of stores: a ring in the colour of the worst store in it, and how many (`countText`,
 * formatted for the locale) on a badge at its top right — a DC drawn above the cluster's centre
 * leaves the count readable.
 */
export function clusterIcon(countText: string, count: number, worst: HealthGrade): LocationIcon {
  const size = count < 10 ? 28 : count < 100 ? 34 : count < 1000 ? 40 : 46;
  const r = size / 2 - 3;
  const html =
    `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true">` +
    `<circle cx="${size / 2}" cy="${size / 2}" r="${r}" fill="${HEALTH_COLOUR[worst]}" fill-opacity="0.18" stroke="${HEALTH_COLOUR[worst]}" stroke-width="4"/></svg>` +
    `<span class="atalaya-cluster-count">${countText}</span>`;
  return { html, size, className: `atalaya-cluster health-${worst}` };
}

/** What changes a location's icon: rebuilt only when this does (the map refreshes every second under load). */
export const iconKey = (l: Pick<LocationHealth, 'kind' | 'backlog' | 'health'>, selected: boolean) =>
  `${l.kind}|${markerSize(l)}|${l.health}|${selected ? 1 : 0}`;
