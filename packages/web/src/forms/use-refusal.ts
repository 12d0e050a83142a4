import type { FormInstance } from 'antd';
import { useState } from 'react';
import { showProblemOnFields } from './problem-fields';

/** What the API refused of a form: its errors go on the fields they name, the rest is returned as `error`. */
export function useRefusal<V>(form: FormInstance<V>) {
  const [error, setError] = useState<string | null>(null);
  return {
    error,
    /** Before saving: the last refusal no longer applies. */
    saving: () => setError(null),
    refused: (problem: unknown) => setError(showProblemOnFields(form, problem)),
  };
}
