import { create } from 'zustand';

export const NOTIFY_ADMIN_TABS = ['templates', 'webhooks'] as const;
export type NotifyAdminTab = (typeof NOTIFY_ADMIN_TABS)[number];

/** Which tab of the Notificaciones view is open (the delivery log opens Plantillas with a delivery's order). */
export const useNotifyAdminTab = create<{ tab: NotifyAdminTab; tabChosen(tab: NotifyAdminTab): void }>((set) => ({
  tab: 'templates',
  tabChosen: (tab) => set({ tab }),
}));
