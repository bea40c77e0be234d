/** One HTTP request as the CLI makes it: the whole body up front, the whole answer read as text. */
export interface HttpRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Overrides the transport's total timeout for this request (a caller's deadline). */
  readonly timeoutMs?: number;
}

/** An HTTP answer of any status. */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * Sends one request and reads the whole answer. Rejects only with a {@link TransportError}; an HTTP error
 * status is an answer, not a failure. Injected wherever the CLI talks to a network, so tests can answer
 * in-process.
 */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** Why a request got no answer. */
export type TransportFailure =
  "connect_timeout" | "timeout" | "refused" | "dns" | "tls_untrusted" | "tls" | "proxy" | "network";

/** A request that got no answer, with a short reason fit for a message (never a secret or a header). */
export class TransportError extends Error {
  override readonly name = "TransportError";
  readonly failure: TransportFailure;

  constructor(failure: TransportFailure, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.failure = failure;
  }
}
