import type { PublishedKey } from "../signing/published-key.js";
import { buildDiscoveryDocument } from "./discovery-document.js";
import { serializeDocument, type SerializedDocument } from "./document-etag.js";
import type { IssuerUrl } from "./issuer-url.js";
import { buildJwksDocument } from "./jwks-document.js";

/** Where the published keys come from: the key ring, which replaces the array whenever the keys change. */
export interface PublishedKeys {
  readonly published: readonly PublishedKey[];
}

/**
 * The discovery document and the JWKS of the keys a key ring publishes. Each is rendered (and its ETag
 * hashed) once per set of keys: a request after a reload renders them again, every other request is
 * answered from the last rendering.
 */
export class IssuerDocuments {
  readonly #issuer: IssuerUrl;
  readonly #keys: PublishedKeys;
  #rendered: Rendered | undefined;

  constructor(issuer: IssuerUrl, keys: PublishedKeys) {
    this.#issuer = issuer;
    this.#keys = keys;
  }

  get jwks(): SerializedDocument {
    return this.#render().jwks;
  }

  get discovery(): SerializedDocument {
    return this.#render().discovery;
  }

  #render(): Rendered {
    const published = this.#keys.published;
    if (this.#rendered?.from !== published) {
      const discovery = buildDiscoveryDocument(
        this.#issuer,
        published.map((key) => ({ alg: key.publicJwk.alg })),
      );
      this.#rendered = {
        from: published,
        jwks: serializeDocument(buildJwksDocument(published)),
        discovery: serializeDocument(discovery),
      };
    }
    return this.#rendered;
  }
}

interface Rendered {
  readonly from: readonly PublishedKey[];
  readonly jwks: SerializedDocument;
  readonly discovery: SerializedDocument;
}
