import { create } from 'zustand';
import {
  mayCall,
  type DeskApi,
  type Endpoint,
  type NotificationEvent,
  type NotificationTemplateInput,
  type TemplatePreview,
  type TemplateSummary,
} from '../../../../shared';
import { desk } from '../../api/desk-client';
import { selectRole, useSessionStore } from '../session/session.store';
import { lookUpOrder, orderInput, recentOrders, type OrderProblem, type PreviewOrder } from './preview-order';
import {
  errorCode,
  errorMessage,
  expectedVersionOf,
  issuesOf,
  sameTemplate,
  type PreviewChannel,
  type TemplateIssue,
  type TemplatePart,
} from './template-draft';
import { realTimers, type Timers } from './timers';

/** The preview re-renders once the draft has been quiet this long. */
export const PREVIEW_DEBOUNCE_MS = 300;

export type OpenedTemplate = TemplateSummary & { template: NotificationTemplateInput };

/** What the last save or reset did, for a line under the toolbar. */
export type TemplateNotice = { kind: 'saved'; version: number; by: string | null } | { kind: 'reset' };

export interface TemplatesState {
  /** Every event in every language with the template in effect (Atalaya's or the merchant's, with its version). */
  summaries: TemplateSummary[];
  loading: boolean;
  error: string | null;
  event: NotificationEvent;
  locale: string;
  /** The template the engine answered for the event and locale: what the draft started from. */
  opened: OpenedTemplate | null;
  opening: boolean;
  /** The draft as edited, and as it was opened or last saved (the difference is "unsaved changes"). */
  draft: NotificationTemplateInput | null;
  baseline: NotificationTemplateInput | null;
  /** Another event or locale asked for while the draft has unsaved changes. */
  pendingOpen: { event: NotificationEvent; locale: string } | null;
  saving: boolean;
  notice: TemplateNotice | null;
  /** Why the engine refused the last save (VALIDATION_FAILED), each on its part. */
  issues: TemplateIssue[];
  /** VERSION_CONFLICT: someone saved since it was opened (the engine's words: who, and to reload). */
  conflict: string | null;
  saveError: string | null;
  confirmReset: boolean;
  channel: PreviewChannel;
  /** The order to preview with, as typed; the order it names; why it names none. */
  orderText: string;
  order: PreviewOrder | null;
  orderProblem: OrderProblem | null;
  recentOrders: PreviewOrder[];
  preview: TemplatePreview | null;
  previewing: boolean;
  /** Problems the engine found while rendering the draft (shown beside the editor before any save). */
  previewIssues: TemplateIssue[];
  previewError: string | null;
  refreshRequested(): Promise<void>;
  templateChosen(event: NotificationEvent, locale: string): Promise<void>;
  discardConfirmed(): Promise<void>;
  discardCancelled(): void;
  draftChanged(draft: NotificationTemplateInput): void;
  channelChosen(channel: PreviewChannel): void;
  orderTyped(text: string): void;
  saveRequested(): Promise<boolean>;
  resetAsked(ask: boolean): void;
  resetConfirmed(): Promise<boolean>;
  /** After a VERSION_CONFLICT: the saved template again, the draft dropped. */
  reloadRequested(): Promise<void>;
}

export const selectDirty = (s: Pick<TemplatesState, 'draft' | 'baseline'>): boolean => !!s.draft && !sameTemplate(s.draft, s.baseline);

/** The problems to show beside a part: the refused save's, else the live preview's. */
export const selectIssues = (s: Pick<TemplatesState, 'issues' | 'previewIssues'>, part?: TemplatePart | 'other'): TemplateIssue[] => {
  const all = s.issues.length ? s.issues : s.previewIssues;
  return part ? all.filter((i) => i.part === part) : all;
};

const sessionMay = (endpoint: Endpoint) => mayCall(selectRole(useSessionStore.getState()), endpoint);

/** The template editor of the Notificaciones view: pick an event and a language, edit the draft, preview it live, save or reset. */
export function createTemplatesStore(api: Pick<DeskApi, 'call'>, opts: { timers?: Timers; may?: (e: Endpoint) => boolean } = {}) {
  const timers = opts.timers ?? realTimers;
  const may = opts.may ?? sessionMay;
  return create<TemplatesState>()((set, get) => {
    let openSeq = 0;
    let previewSeq = 0;
    let timer: unknown = null;
    /** The order text the current `order` was looked up from. */
    let lookedUp = '';
    const cancelPreview = () => {
      previewSeq++;
      if (timer !== null) timers.clear(timer);
      timer = null;
    };
    const loadList = async () => {
      set({ loading: true });
      try {
        set({ summaries: await api.call('notifications.templates', {}), loading: false, error: null });
      } catch (e) {
        set({ loading: false, error: errorMessage(e) });
      }
    };
    const loadRecent = async () => {
      try {
        set({ recentOrders: await recentOrders(api, may) });
      } catch {
        // Only a convenience: an order can still be typed.
      }
    };
    const preview = async () => {
      cancelPreview();
      const mine = previewSeq;
      const text = get().orderText;
      if (text !== lookedUp) {
        const found = lookUpOrder(text, get().recentOrders);
        lookedUp = text;
        set({ order: found.order, orderProblem: found.problem });
      }
      const { draft, event, locale, channel, order } = get();
      if (!draft) return;
      set({ previewing: true });
      try {
        const input = { event, locale, template: draft, channel, ...orderInput(order) };
        const p = await api.call('notifications.previewTemplate', input);
        if (mine !== previewSeq) return;
        const named = order && p.orderNumber !== null ? { ...order, number: p.orderNumber } : order;
        set({ preview: p, order: named, previewing: false, previewIssues: [], previewError: null });
      } catch (e) {
        if (mine !== previewSeq) return;
        set({ previewing: false });
        if (errorCode(e) === 'VALIDATION_FAILED') set({ previewIssues: issuesOf(e), previewError: null });
        else if (errorCode(e) === 'NOT_FOUND' && order) {
          // No order has that id or number: say so by the field, and show the sample order meanwhile.
          set({ order: null, orderProblem: 'notFound' });
          await preview();
        } else set({ previewError: errorMessage(e), previewIssues: [] });
      }
    };
    const previewSoon = () => {
      cancelPreview();
      timer = timers.set(() => {
        timer = null;
        void preview();
      }, PREVIEW_DEBOUNCE_MS);
    };
    const open = async (event: NotificationEvent, locale: string) => {
      const mine = ++openSeq;
      cancelPreview();
      set({ event, locale, opening: true, pendingOpen: null, issues: [], previewIssues: [], conflict: null, saveError: null });
      set({ notice: null, confirmReset: false, error: null });
      try {
        const opened = await api.call('notifications.template', { event, locale });
        if (mine !== openSeq) return;
        // The language chosen, even when the template in effect is another's it falls back to: a save makes this one's.
        const draft = { ...opened.template, locale };
        set({ opened, draft, baseline: draft, opening: false, preview: null, previewError: null });
        await preview();
      } catch (e) {
        if (mine === openSeq) set({ opening: false, previewing: false, error: errorMessage(e) });
      }
    };
    const showing = (opened: OpenedTemplate, notice: TemplateNotice) => {
      const draft = { ...opened.template, locale: get().locale };
      set({ opened, draft, baseline: draft, notice, confirmReset: false, issues: [], previewIssues: [] });
      void loadList();
      void preview();
    };
    return {
      summaries: [],
      loading: false,
      error: null,
      event: 'order.confirmed',
      locale: 'es-AR',
      opened: null,
      opening: false,
      draft: null,
      baseline: null,
      pendingOpen: null,
      saving: false,
      notice: null,
      issues: [],
      conflict: null,
      saveError: null,
      confirmReset: false,
      channel: 'email',
      orderText: '',
      order: null,
      orderProblem: null,
      recentOrders: [],
      preview: null,
      previewing: false,
      previewIssues: [],
      previewError: null,
      async refreshRequested() {
        await Promise.all([loadList(), loadRecent()]);
        if (!selectDirty(get())) await open(get().event, get().locale);
      },
      async templateChosen(event, locale) {
        if (event === get().event && locale === get().locale && get().draft) return;
        if (selectDirty(get())) return set({ pendingOpen: { event, locale } });
        await open(event, locale);
      },
      async discardConfirmed() {
        const next = get().pendingOpen;
        if (next) await open(next.event, next.locale);
      },
      discardCancelled: () => set({ pendingOpen: null }),
      draftChanged(draft) {
        set({ draft, notice: null, issues: [], saveError: null });
        previewSoon();
      },
      channelChosen(channel) {
        set({ channel });
        void preview();
      },
      orderTyped(orderText) {
        set({ orderText, orderProblem: null });
        previewSoon();
      },
      async saveRequested() {
        const { draft, opened, locale, saving } = get();
        if (!draft || !opened || saving) return false;
        set({ saving: true, issues: [], conflict: null, saveError: null, notice: null });
        try {
          const saved = await api.call('notifications.saveTemplate', {
            template: draft,
            expectedVersion: expectedVersionOf(opened, locale),
          });
          set({ saving: false });
          showing(saved, { kind: 'saved', version: saved.version ?? 1, by: saved.updatedBy });
          return true;
        } catch (e) {
          const code = errorCode(e);
          set({ saving: false });
          if (code === 'VERSION_CONFLICT') set({ conflict: errorMessage(e) });
          else if (code === 'VALIDATION_FAILED') set({ issues: issuesOf(e) });
          else set({ saveError: errorMessage(e) });
          return false;
        }
      },
      resetAsked: (confirmReset) => set({ confirmReset, saveError: null }),
      async resetConfirmed() {
        const { event, locale, saving } = get();
        if (saving) return false;
        set({ saving: true, saveError: null, conflict: null });
        try {
          const reset = await api.call('notifications.resetTemplate', { event, locale });
          set({ saving: false });
          showing(reset, { kind: 'reset' });
          return true;
        } catch (e) {
          set({ saving: false, confirmReset: false, saveError: errorMessage(e) });
          return false;
        }
      },
      reloadRequested: async () => {
        await loadList();
        await open(get().event, get().locale);
      },
    };
  });
}

export const useTemplatesStore = createTemplatesStore(desk);
