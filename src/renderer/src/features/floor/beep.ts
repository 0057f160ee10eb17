let context: AudioContext | null = null;

/**
 * A short low beep for a wrong scan, so the picker hears it without looking. Silently nothing where
 * the page may not play sound (no WebAudio, or no user gesture yet).
 */
export function beep(): void {
  try {
    const Ctx = globalThis.AudioContext;
    if (!Ctx) return;
    context ??= new Ctx();
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = 'square';
    osc.frequency.value = 220;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(context.destination);
    osc.start();
    osc.stop(context.currentTime + 0.18);
  } catch {
    // Sound is a nicety; the red message says it all.
  }
}
