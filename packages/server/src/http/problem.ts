/** The stable error codes of the API and the HTTP status each one is answered with. */
export const PROBLEM_STATUS = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  insufficient_stock: 409,
  invalid_state: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  invalid_rows: 422,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

const TITLES: Record<ProblemCode, string> = {
  validation_failed: 'The request is not valid',
  unauthorized: 'Sign in first',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  insufficient_stock: 'Not enough stock',
  invalid_state: 'Not allowed in the current status',
  payload_too_large: 'The request body is too large',
  uri_too_long: 'The URL is too long',
  unsupported_media_type: 'Unsupported content type',
  invalid_rows: 'Some rows of the file are not valid',
  rate_limited: 'Too many requests',
  internal_error: 'Something went wrong on our side',
};

/** One field-level problem: where (a dotted path such as `lines.1.sku`) and what. */
export interface FieldError {
  path: string;
  message: string;
  [extra: string]: unknown;
}

/** The problem+json body every error is answered with. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** An error meant for the caller: it becomes a problem+json response and changes nothing. */
export class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }

  get status(): number {
    return PROBLEM_STATUS[this.code];
  }

  toBody(): ProblemBody {
    // Extras come first so that none can overwrite the standard members.
    return {
      ...this.extras,
      type: `urn:onhand:problem:${this.code}`,
      title: TITLES[this.code],
      status: this.status,
      detail: this.detail,
      code: this.code,
    };
  }
}

/** A `400 validation_failed` naming each bad field. */
export function invalid(errors: FieldError[]): Problem {
  const first = errors[0];
  const detail = first ? `${first.path || 'body'} ${first.message}` : 'the request is not valid';
  return new Problem(
    'validation_failed',
    errors.length > 1 ? `${detail} (and ${errors.length - 1} more)` : detail,
    { errors },
  );
}

/** A `404 not_found` for a resource of a kind. */
export function notFound(kind: string, id: string): Problem {
  return new Problem('not_found', `${kind} ${id} does not exist`);
}
