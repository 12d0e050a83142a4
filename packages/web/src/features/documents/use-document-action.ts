import { useQueryClient } from '@tanstack/react-query';
import type { ActionSpec, KindSpec } from './document-kind';
import { type DocumentView, useDocumentWrite } from './documents.queries';

/** How an action's request ended: done (moved, or waiting for approval), or refused with the API's error. */
export interface ActionHandlers {
  onDone: () => void;
  onError: (error: unknown) => void;
}

/**
 * Sends the actions of one document at the version it was read (If-Match), each once
 * (Idempotency-Key); `onWaits` hears when an action waits for a second person's approval.
 */
export function useDocumentAction(spec: KindSpec, doc: DocumentView, onWaits: () => void) {
  const write = useDocumentWrite();
  const queryClient = useQueryClient();
  const send = (action: ActionSpec, body: unknown, handlers: ActionHandlers) =>
    write.mutate(
      {
        path: `${spec.collection}/${encodeURIComponent(doc.id)}/${action.path ?? action.name}`,
        body,
        version: doc.version,
      },
      {
        onSuccess: (answer) => {
          if ('waits' in answer) onWaits();
          // The answer is the document at its new version (a return answers with the return).
          else if (answer.moved.id === doc.id)
            queryClient.setQueryData(['document', spec.kind, doc.id], answer.moved);
          handlers.onDone();
        },
        onError: handlers.onError,
      },
    );
  return { send, pending: write.isPending };
}

/** What `useDocumentAction` gives. */
export type DocumentAction = ReturnType<typeof useDocumentAction>;
