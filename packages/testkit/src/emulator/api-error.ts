/**
 * An error the emulator answers with `status` and Tailscale's error shape `{"message": …}`. Thrown by route
 * handlers; turned into a response in one place.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
