import { COPY_EN } from './default-copy-en';
import { COPY_ES } from './default-copy-es';
import { COPY_ES_AR } from './default-copy-es-ar';
import { COPY_PT_BR } from './default-copy-pt-br';
import { defaultTemplatesOf, type LocaleCopy } from './default-layout';
import type { NotificationTemplate } from './notification-template';

/** Each template locale's words; adding a language is adding its copy here and to `TEMPLATE_LOCALES`. */
export const DEFAULT_COPIES: readonly LocaleCopy[] = [COPY_ES_AR, COPY_ES, COPY_EN, COPY_PT_BR];

/**
 * Atalaya's templates: every notification event in every template locale, built once at load
 * from the copies and the default layout. English has them all, so every locale chain ends in a
 * template (the unit tests hold this).
 */
export const DEFAULT_TEMPLATES: readonly NotificationTemplate[] = Object.freeze(DEFAULT_COPIES.flatMap(defaultTemplatesOf));
