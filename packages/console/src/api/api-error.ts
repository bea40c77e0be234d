import { NscError, type ErrorCode } from "@nsc/core/browser";

/**
 * core's {@link NscError} with the HTTP status it arrived with: an error answer from nsc-server
 * (`{"error":{"code","message","field?"}}`) or a failure to reach it. `status` is 0 when no HTTP answer
 * arrived. The codes are core's closed list, so pages switch on the same codes the CLI does.
 */
export class ApiError extends NscError {
  readonly status: number;

  constructor(status: number, code: ErrorCode, message: string, field?: string) {
    super(code, message, field === undefined ? {} : { field });
    this.status = status;
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
