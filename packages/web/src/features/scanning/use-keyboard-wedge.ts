import { useEffect, useRef } from 'react';

/** A scanner types a code in one burst: keys this close on average are a scan, not a person typing. */
const MAX_AVERAGE_GAP_MS = 80;
/** A pause this long starts a new code. */
const PAUSE_MS = 300;
const MIN_LENGTH = 3;

const editable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Listens for a keyboard-wedge scanner anywhere on the page (outside fields, which keep their own
 * typing): a fast burst of characters closed by Enter is a code. The Enter of a scan does nothing
 * else (it does not press the button that has the focus).
 */
export function useKeyboardWedge(onCode: (code: string) => void): void {
  const handler = useRef(onCode);
  useEffect(() => {
    handler.current = onCode;
  }, [onCode]);
  useEffect(() => {
    let code = '';
    let first = 0;
    let last = 0;
    const onKey = (event: KeyboardEvent) => {
      if (editable(event.target)) return;
      const now = event.timeStamp;
      if (event.key === 'Enter') {
        const burst = code.length >= MIN_LENGTH && (now - first) / code.length <= MAX_AVERAGE_GAP_MS;
        if (burst) {
          event.preventDefault();
          handler.current(code);
        }
        code = '';
        return;
      }
      if (event.key.length !== 1 || event.ctrlKey || event.altKey || event.metaKey) return;
      if (code === '' || now - last > PAUSE_MS) {
        code = '';
        first = now;
      }
      code += event.key;
      last = now;
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
