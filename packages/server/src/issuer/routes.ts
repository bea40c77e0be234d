import { Hono, type Context } from "hono";
import type { AppDeps, AppEnv } from "../app/app-env.js";
import { IssuerDocuments } from "./issuer-documents.js";
import { ifNoneMatchMatches, type SerializedDocument } from "./document-etag.js";
import { DISCOVERY_PATH, JWKS_PATH } from "./issuer-url.js";

/**
 * The public OIDC documents: discovery and the JWKS, with a max-age no longer than the rotation policy
 * assumes verifiers cache them, and an ETag answered with 304.
 */
export function issuerRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const maxAge = Math.floor(deps.jwksMaxAgeSecs);
  const documents = new IssuerDocuments(deps.issuerUrl, deps.keyRing);
  const serve = (c: Context<AppEnv>, document: SerializedDocument, type: string): Response => {
    c.header("Cache-Control", `public, max-age=${maxAge}`);
    c.header("ETag", document.etag);
    c.header("Access-Control-Allow-Origin", "*");
    if (ifNoneMatchMatches(c.req.header("if-none-match"), document.etag)) return c.body(null, 304);
    c.header("Content-Type", type);
    return c.body(document.body);
  };
  app.get(DISCOVERY_PATH, (c) => serve(c, documents.discovery, "application/json"));
  app.get(JWKS_PATH, (c) => serve(c, documents.jwks, "application/jwk-set+json"));
  return app;
}
