import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { barcodeReader } from './barcode-reader';

/** Frames are read this often: often enough to feel at once, rarely enough for a phone's battery. */
const READ_EVERY_MS = 200;
/** A code still in view counts once: it counts again only after it has been out of view this long. */
const SAME_CODE_MS = 1500;

/**
 * The phone's back camera reading barcodes: each code that comes into view is handed on once. The
 * stream stops when the scanner closes or the page is left.
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const handler = useRef(onCode);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    handler.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    const lastSeen = new Map<string, number>();
    const read = async (element: HTMLVideoElement, reader: Awaited<ReturnType<typeof barcodeReader>>) => {
      if (stopped) return;
      if (element.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
        const found = await reader.detect(element).catch(() => []);
        const now = performance.now();
        for (const { rawValue } of found) {
          const before = lastSeen.get(rawValue);
          lastSeen.set(rawValue, now);
          if (!stopped && (before === undefined || now - before > SAME_CODE_MS)) handler.current(rawValue);
        }
      }
      timer = window.setTimeout(() => void read(element, reader), READ_EVERY_MS);
    };
    const start = async () => {
      const element = video.current;
      if (!element) return;
      const reader = await barcodeReader();
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
      if (stopped) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      element.srcObject = stream;
      await element.play();
      await read(element, reader);
    };
    start().catch((error: unknown) => {
      if (!stopped) setFailure(error instanceof Error ? error.message : String(error));
    });
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  if (failure) return <Alert type="error" showIcon title={t('scan.cameraFailed', { reason: failure })} />;
  return <video ref={video} className="scan-camera" muted playsInline aria-label={t('scan.cameraView')} />;
}
