import { Alert, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/session';
import { labelOf } from '../../i18n/labels';
import { ActionDialog } from './ActionDialog';
import type { ActionSpec, KindSpec } from './document-kind';
import { documentPath } from './document-paths';
import type { DocumentView } from './documents.queries';
import { showRefusal } from './refusal';
import type { DocumentAction } from './use-document-action';

/**
 * The actions of a document's state machine. Someone who may do none of them sees none; the
 * others see each, and one that cannot be used now is disabled with the reason (its status, a
 * permission the person lacks). Actions that ask for something open a dialog first; an edit opens
 * the document's form.
 */
export function ActionBar({ spec, doc, act }: { spec: KindSpec; doc: DocumentView; act: DocumentAction }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const permissions = useMe().data?.permissions ?? [];
  const [asking, setAsking] = useState<ActionSpec | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  if (!spec.actions.some((a) => permissions.includes(a.permission))) return null;

  const whyNot = (a: ActionSpec): string | null => {
    if (!permissions.includes(a.permission))
      return t('documents.needsPermission', { permission: a.permission });
    if (!(doc.actions ?? []).includes(a.name))
      return t('documents.notInStatus', { status: labelOf('documentStatus', doc.status) });
    return null;
  };
  const start = (a: ActionSpec) => {
    setRefused(null);
    if (a.input.kind === 'edit') void navigate(`${documentPath(spec.kind, doc.id)}/edit`);
    else if (a.input.kind !== 'none') setAsking(a);
    else act.send(a, undefined, { onDone: () => undefined, onError: (e) => setRefused(showRefusal(e)) });
  };

  return (
    <div className="action-bar">
      <Space wrap>
        {spec.actions.map((a) => {
          const reason = whyNot(a);
          return (
            <Tooltip key={a.name} title={reason}>
              <span {...(reason ? { 'data-why-not': reason } : {})}>
                <Button
                  type={a.danger ? 'default' : 'primary'}
                  danger={a.danger ?? false}
                  disabled={reason !== null || act.pending}
                  onClick={() => start(a)}
                >
                  {labelOf('documentAction', a.name)}
                </Button>
              </span>
            </Tooltip>
          );
        })}
      </Space>
      {refused && <Alert type="error" showIcon title={refused} className="action-refused" />}
      {asking && (
        <ActionDialog spec={spec} action={asking} doc={doc} act={act} onClose={() => setAsking(null)} />
      )}
    </div>
  );
}
