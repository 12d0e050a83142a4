/** How a scan went, for the ear and the hand: a short high beep, or two low buzzes. */
export type ScanSignal = 'accepted' | 'refused';

const TONES: Record<ScanSignal, { frequency: number; wave: OscillatorType; beeps: number }> = {
  accepted: { frequency: 1320, wave: 'sine', beeps: 1 },
  refused: { frequency: 220, wave: 'square', beeps: 2 },
};
const VIBRATIONS: Record<ScanSignal, number[]> = { accepted: [60], refused: [180, 80, 180] };
const BEEP_SECONDS = 0.09;

let audio: AudioContext | null = null;

/** Beeps through WebAudio (no sound files) and vibrates where the device can. */
export function signalScan(signal: ScanSignal): void {
  navigator.vibrate?.(VIBRATIONS[signal]);
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  const context = audio;
  void context.resume();
  const { frequency, wave, beeps } = TONES[signal];
  for (let i = 0; i < beeps; i++) {
    const start = context.currentTime + i * BEEP_SECONDS * 1.6;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = wave;
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.2, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + BEEP_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + BEEP_SECONDS);
  }
}
