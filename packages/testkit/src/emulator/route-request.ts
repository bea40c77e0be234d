import type { IncomingHttpHeaders } from "node:http";

/** A request as route handlers see it: already read, with the path split from the query. */
export interface RouteRequest {
  readonly method: string;
  readonly pathname: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Values captured from the route pattern, by name. */
  readonly params: Readonly<Record<string, string>>;
}

/** What a handler answers: a status and a JSON body (or, with `text`, that text as `text/html`). */
export interface RouteResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text?: string;
}
