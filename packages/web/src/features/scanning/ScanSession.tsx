import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Progress } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../auth/session';
import { formatQty } from '../../components/format';
import { CameraScanner } from './CameraScanner';
import { CodeEntry } from './CodeEntry';
import { ScanDone } from './ScanDone';
import { ScanLineCard } from './ScanLineCard';
import { ScanRefusal } from './ScanRefusal';
import type { ScanJob } from './scan-jobs';
import { newIdempotencyKey } from './scan-key';
import { lineKey, progressOf, scannedLines, tallyOf } from './scan-tally';
import { type ScanWork, useConfirmScan } from './scanning.queries';
import { useKeyboardWedge } from './use-keyboard-wedge';
import { useScanSession } from './use-scan-session';

/** The scanning screen of one document: phone-first, full screen, every scan heard and seen. */
export function ScanSession({ job, work }: { job: ScanJob; work: ScanWork }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { doc } = work;
  const session = useScanSession(doc, work.items);
  const { state, message, scan } = session;
  const [camera, setCamera] = useState(false);
  const confirm = useConfirmScan(job);
  const mayPost = useCan('stocktake.post') && job.kind === 'count';
  const scanned = scannedLines(state, job.kind === 'count');
  const progress = progressOf(state);
  // One key per content: sent again unchanged (its answer lost), the action happens once.
  const keyed = useRef<{ state: typeof state; key: string } | null>(null);
  const keyNow = () => {
    if (keyed.current?.state !== state) keyed.current = { state, key: newIdempotencyKey() };
    return keyed.current.key;
  };
  useKeyboardWedge((code) => void scan(code));
  // The screen takes the focus from the frame behind it: an Enter lands on no hidden button.
  const screen = useRef<HTMLDivElement>(null);
  useEffect(() => screen.current?.focus(), []);

  if (confirm.isSuccess) return <ScanDone job={job} outcome={confirm.data} />;
  const total = scanned.reduce((sum, s) => sum + s.qty, 0);
  const label = job.kind === 'count' ? (mayPost ? 'countAndPost' : 'count') : job.kind;
  return (
    <div className="scan-screen" ref={screen} tabIndex={-1}>
      <header className="scan-top">
        <Button
          type="text"
          size="large"
          icon={<CloseOutlined />}
          aria-label={t('scan.close')}
          onClick={() => void navigate('/scan')}
        />
        <div className="scan-heading">
          <div className="scan-title">
            {t(`scan.job.${job.kind}`)} {doc.number}
          </div>
          <div className="scan-subtitle">{[doc.warehouse, doc.party].filter(Boolean).join(' · ')}</div>
        </div>
        <Button
          size="large"
          icon={<CameraOutlined />}
          aria-pressed={camera}
          aria-label={camera ? t('scan.cameraOff') : t('scan.camera')}
          onClick={() => setCamera(!camera)}
        >
          <span className="scan-camera-label">{camera ? t('scan.cameraOff') : t('scan.camera')}</span>
        </Button>
      </header>
      {camera && <CameraScanner onCode={(code) => void scan(code)} />}
      <div className="scan-progress">
        <Progress
          percent={progress.expected ? Math.min(100, (progress.scanned / progress.expected) * 100) : 0}
          showInfo={false}
        />
        <span>
          {progress.expected === null
            ? t('scan.scannedOnly', { scanned: formatQty(progress.scanned) })
            : t('scan.progress', {
                scanned: formatQty(progress.scanned),
                expected: formatQty(progress.expected),
              })}
        </span>
      </div>
      <output className={`scan-message scan-message-${message?.signal ?? 'idle'}`} aria-live="assertive">
        {message?.text ?? t('scan.hint')}
      </output>
      <CodeEntry onCode={(code) => void scan(code)} />
      <main className="scan-lines">
        {state.lines.map((line) => {
          const k = lineKey(line);
          return (
            <ScanLineCard
              key={k}
              kind={job.kind}
              line={line}
              lineKey={k}
              item={session.itemOf(line.itemId)}
              tally={tallyOf(state, k)}
              last={state.last === k}
              dispatch={session.dispatch}
            />
          );
        })}
      </main>
      <footer className="scan-bottom">
        {confirm.isError && <ScanRefusal error={confirm.error} scanned={confirm.variables?.scanned ?? []} />}
        <Button
          type="primary"
          size="large"
          block
          className="scan-confirm"
          disabled={scanned.length === 0}
          loading={confirm.isPending}
          onClick={() => confirm.mutate({ doc, scanned, key: keyNow(), mayPost })}
        >
          {t(`scan.confirm.${label}`, { qty: formatQty(total) })}
        </Button>
      </footer>
    </div>
  );
}
