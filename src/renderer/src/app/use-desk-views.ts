import { selectRole, useSessionStore } from '../features/session/session.store';
import { useNavStore } from './nav.store';
import { landingView, visibleViews } from './view-access';
import { VIEWS, type DeskView } from './views';

/** The views the signed-in role may open, and the one on screen (their landing view when the chosen one is not theirs). */
export function useDeskViews(): { visible: DeskView[]; active: DeskView | undefined } {
  const role = useSessionStore(selectRole);
  const id = useNavStore((s) => s.view);
  const visible = visibleViews(VIEWS, role);
  return { visible, active: visible.find((v) => v.id === id) ?? landingView(VIEWS, role) };
}
