/**
 * One table of coded errors for the engine, the CLI and the API. An input problem carries every
 * issue found (not just the first) as `<file>: <path>: <message>` lines, so a user can fix a file
 * in one pass.
 */
export const ERROR_CODES = {
  RX_ERR_FILE_NOT_FOUND: { status: 404, input: true, title: 'file not found' },
  RX_ERR_FILE_PARSE: { status: 400, input: true, title: 'file cannot be parsed' },
  RX_ERR_INVALID_INPUT: { status: 400, input: true, title: 'input does not match its schema' },
  RX_ERR_REGION_NOT_FOUND: { status: 404, input: true, title: 'region not found' },
  RX_ERR_HAZARD_UNSUPPORTED: { status: 422, input: true, title: 'no model implements this hazard' },
  RX_ERR_BAD_REQUEST: { status: 400, input: true, title: 'malformed request' },
  RX_ERR_UNAUTHORIZED: { status: 401, input: true, title: 'missing or wrong API token' },
  RX_ERR_NOT_FOUND: { status: 404, input: true, title: 'no such resource' },
  RX_ERR_TOO_LARGE: { status: 413, input: true, title: 'request over a limit' },
  RX_ERR_BUSY: { status: 429, input: true, title: 'too many runs at once' },
  RX_ERR_WORKER: { status: 500, input: false, title: 'worker failed' },
  RX_ERR_BUDGET: { status: 500, input: false, title: 'run over its time or memory budget' },
  RX_ERR_REDIS: { status: 503, input: false, title: 'Redis unreachable or lost' },
  RX_ERR_INTERNAL: { status: 500, input: false, title: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem in one place of one file. `path` is a dotted/indexed path such as `hazards[0].magnitude`. */
export interface Issue {
  file: string;
  path: string;
  message: string;
}

export function formatIssue(issue: Issue): string {
  return `${issue.file}: ${issue.path || '(root)'}: ${issue.message}`;
}

export class RenxingError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: ErrorCode, message: string, issues: readonly Issue[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = 'RenxingError';
    this.code = code;
    this.issues = issues;
  }

  /** True when the caller's input is at fault (CLI exit 2, HTTP 4xx). */
  get isInputError(): boolean {
    return ERROR_CODES[this.code].input;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** Every issue as one line each, or the message when there are none. */
  describe(): string {
    return this.issues.length > 0 ? this.issues.map(formatIssue).join('\n') : this.message;
  }
}

export function invalidInput(issues: readonly Issue[]): RenxingError {
  const files = [...new Set(issues.map((i) => i.file))].join(', ');
  return new RenxingError('RX_ERR_INVALID_INPUT', `${issues.length} problem(s) in ${files}`, issues);
}
