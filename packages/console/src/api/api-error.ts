/**
 * An error answer from nsc-server (`{"error":{"code","message"}}`), or a failure to reach it. `status` is
 * 0 when no HTTP answer arrived.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** True for the 404 a server answers for an endpoint it does not have yet. */
  get isMissingRoute(): boolean {
    return this.status === 404 && this.code === "route_not_found";
  }
}

/** The message to show for anything a request threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return "something went wrong";
}
