import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

import type * as z from "zod/mini";
import { NscError, parseWith } from "@nsc/core";

/**
 * Reads a JSON request body: `application/json` only, at most `maxBytes`, parsed into the shared zod
 * schema. Every failure is an {@link NscError} with a stable code naming what to fix.
 */
export async function readJson<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
  maxBytes: number,
): Promise<z.output<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/iu.test(type)) {
    throw new NscError(
      "unsupported_media_type",
      "send the request body as JSON with Content-Type: application/json",
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/iu.exec(type)?.[1];
  if (charset !== undefined && !/^utf-?8$/iu.test(charset)) {
    throw new NscError(
      "unsupported_media_type",
      `the request body is declared as ${JSON.stringify(charset.slice(0, 32))}: send it as UTF-8 (Content-Type: application/json; charset=utf-8, or no charset)`,
    );
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  // Behind Node's HTTP server, read the socket's stream directly: cheaper than the web-stream wrapper.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const body: AsyncIterable<Uint8Array> | null =
    incoming ?? (c.req.raw.body as AsyncIterable<Uint8Array> | null);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body !== null) {
    try {
      for await (const chunk of body) {
        size += chunk.byteLength;
        if (size > maxBytes) throw tooLarge(maxBytes);
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof NscError) throw error;
      // The client's socket failed (it hung up, or the server timed the request out): say so, so this is
      // never mistaken for the database's connection failing.
      throw new NscError(
        "request_incomplete",
        "the request body ended before it was complete: send it again",
        {
          cause: error,
        },
      );
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new NscError("invalid_json", "the request body is not valid JSON");
  }
  return parseWith(schema, value);
}

function tooLarge(maxBytes: number): NscError {
  return new NscError("body_too_large", `the request body is larger than ${maxBytes} bytes`);
}
