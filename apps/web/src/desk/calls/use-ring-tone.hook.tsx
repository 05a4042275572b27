import { useEffect, useState } from 'react';

/** One ring: two tones together for 0.8 s, then silence; repeated every 2 s (no recording, Web Audio only). */
const RING_TONES_HZ = [440, 480];
const RING_ON_S = 0.8;
const RING_PERIOD_S = 2;
/** Rings scheduled ahead at a time; the schedule is topped up while ringing lasts. */
const RINGS_AHEAD = 3;

/**
 * Rings the desk's speaker while `ringing` is true, with a tone made in Web Audio (oscillators
 * through a gain that is switched on and off), and says whether the tone is sounding: a browser
 * may refuse audio until the page was used (autoplay policy), and then the banner alone shows it.
 */
export function useRingTone(ringing: boolean): boolean {
  const [sounding, setSounding] = useState(false);
  useEffect(() => {
    if (!ringing || typeof AudioContext === 'undefined') return undefined;
    const context = new AudioContext();
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    const oscillators = RING_TONES_HZ.map((hz) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = hz;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    let scheduledUntil = context.currentTime;
    const schedule = () => {
      while (scheduledUntil < context.currentTime + RINGS_AHEAD * RING_PERIOD_S) {
        gain.gain.setValueAtTime(0.15, scheduledUntil);
        gain.gain.setValueAtTime(0, scheduledUntil + RING_ON_S);
        scheduledUntil += RING_PERIOD_S;
      }
    };
    schedule();
    const timer = setInterval(schedule, RING_PERIOD_S * 1000);
    const onState = () => setSounding(context.state === 'running');
    context.addEventListener('statechange', onState);
    void context.resume().then(onState, () => setSounding(false));
    return () => {
      clearInterval(timer);
      context.removeEventListener('statechange', onState);
      oscillators.forEach((oscillator) => oscillator.stop());
      void context.close();
      setSounding(false);
    };
  }, [ringing]);
  return sounding;
}
