import { useEffect, useRef } from 'react';

/** A scanner types a code in one burst: keys this close on average are a scan, not a person typing. */
const MAX_AVERAGE_GAP_MS = 80;
/** A pause this long starts a new code. */
const PAUSE_MS = 300;
const MIN_LENGTH = 3;

const editable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** A field that takes a number (a quantity): a scan typed into it is a scan all the same. */
const numeric = (target: EventTarget | null): target is HTMLInputElement =>
  target instanceof HTMLInputElement &&
  (target.type === 'number' || target.getAttribute('role') === 'spinbutton');

/** Puts back what a field held, through the value setter React listens to (its onChange hears it). */
function putBack(field: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens for a keyboard-wedge scanner anywhere on the page: a fast burst of characters closed by
 * Enter is a code. Text fields keep their own typing; in a numeric field (a quantity) the burst is
 * a scan too, and the field gets back what it held before the burst, so a quantity changes only
 * by what the scan does to it. The Enter of a scan does nothing else (it does not press the
 * button that has the focus, nor submit the form of the field).
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
    // The numeric field the burst types into, and what it held before.
    let typedInto: { field: HTMLInputElement; held: string } | null = null;
    const onKey = (event: KeyboardEvent) => {
      const field = numeric(event.target) ? event.target : null;
      if (!field && editable(event.target)) return;
      const now = event.timeStamp;
      if (event.key === 'Enter') {
        const burst = code.length >= MIN_LENGTH && (now - first) / code.length <= MAX_AVERAGE_GAP_MS;
        if (burst) {
          event.preventDefault();
          if (field) {
            event.stopPropagation();
            if (typedInto?.field === field) putBack(field, typedInto.held);
          }
          handler.current(code);
        }
        code = '';
        return;
      }
      if (event.key.length !== 1 || event.ctrlKey || event.altKey || event.metaKey) return;
      if (code === '' || now - last > PAUSE_MS) {
        code = '';
        first = now;
        typedInto = field ? { field, held: field.value } : null;
      }
      code += event.key;
      last = now;
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
