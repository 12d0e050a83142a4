import type { Item } from '@onhand/contracts';
import { useCallback, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ScanSignal, signalScan } from './scan-feedback';
import type { ScanDocument } from './scan-jobs';
import { itemOfCode, lineKey, lineOfItem, startTally, tallyReducer } from './scan-tally';
import { itemByCode } from './scanning.queries';

/** What the last scan did, as the banner says it. */
export interface ScanMessage {
  signal: ScanSignal;
  text: string;
}

/**
 * A scanning session on one document: each code read (wedge, camera or typed) adds 1 to the line of
 * its item, or joins a SKU to a stocktake that counts every SKU; anything else is refused aloud.
 */
export function useScanSession(doc: ScanDocument, items: readonly Item[]) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(tallyReducer, doc.lines, startTally);
  const [message, setMessage] = useState<ScanMessage | null>(null);
  const known = useRef<Item[]>([...items]);
  const latest = useRef(state);
  latest.current = state;

  const say = useCallback((signal: ScanSignal, text: string) => {
    signalScan(signal);
    setMessage({ signal, text });
  }, []);

  const scan = useCallback(
    async (code: string) => {
      const local = itemOfCode(code, known.current);
      const line = local && lineOfItem(latest.current, local.id);
      if (local && line) {
        dispatch({ type: 'add', key: lineKey(line), by: 1, scanned: true });
        say('accepted', t('scan.added', { sku: local.sku, name: local.name }));
        return;
      }
      const item = local ?? (await itemByCode(code.trim()).catch(() => null));
      if (!item) return say('refused', t('scan.unknownCode', { code }));
      const { joinable } = doc;
      if (joinable && (joinable.category === null || joinable.category === item.category)) {
        known.current.push(item);
        const joined = { line: 0, sku: item.sku, itemId: item.id, batch: null, expected: null, done: 0 };
        dispatch({ type: 'join', line: joined });
        return say('accepted', t('scan.added', { sku: item.sku, name: item.name }));
      }
      say('refused', t('scan.notOnDocument', { sku: item.sku, name: item.name, number: doc.number }));
    },
    [doc, say, t],
  );

  /** The item of a line, for its name and tracking flags. */
  const itemOf = (itemId: string) => known.current.find((i) => i.id === itemId);

  return { state, dispatch, message, scan, itemOf };
}
