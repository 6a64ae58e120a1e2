/**
 * Errors as RFC 9457 problem details. Services throw HttpProblem; the error
 * handler turns it (and database and validation errors) into
 * `application/problem+json` for the API or an error page for the web,
 * with the title in the user's language.
 */
export interface FieldError {
  /** JSON pointer into the request, e.g. "/body/email" or "/query/page". */
  pointer: string;
  /** Message key of what is wrong (never a sentence: only catalogue messages reach users). */
  detail: string;
  /** Parameters of the detail's message; without them the problem's own parameters are used. */
  params?: Record<string, string | number>;
}

/** A problem with one field of the request body: its name, the message key and the key's parameters. */
export function field(name: string, detail: string, params?: Record<string, string | number>): FieldError {
  return { pointer: `/body/${name}`, detail, ...(params ? { params } : {}) };
}

export class HttpProblem extends Error {
  readonly status: number;
  /** Message key of the title (translated when rendered). */
  readonly titleKey: string;
  readonly params: Record<string, string | number> | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: number,
    titleKey: string,
    opts: {
      params?: Record<string, string | number>;
      errors?: FieldError[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(titleKey);
    this.status = status;
    this.titleKey = titleKey;
    this.params = opts.params;
    this.errors = opts.errors;
    this.headers = opts.headers;
  }
}

export const notFound = (key = 'error.notFound') => new HttpProblem(404, key);
export const forbidden = (key = 'error.forbidden') => new HttpProblem(403, key);
export const unauthorized = () => new HttpProblem(401, 'error.unauthorized');
export const conflict = (key = 'error.conflict', params?: Record<string, string | number>) =>
  new HttpProblem(409, key, params ? { params } : {});
export const badRequest = (key: string, errors?: FieldError[], params?: Record<string, string | number>) =>
  new HttpProblem(400, key, { ...(errors ? { errors } : {}), ...(params ? { params } : {}) });

export const PROBLEM_TYPES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'too-many-requests',
  500: 'internal',
};
