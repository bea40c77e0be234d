import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { documentEtag, ifNoneMatchMatches, serializeDocument } from "./document-etag.js";

void describe("documentEtag", () => {
  void it("is the quoted base64url SHA-256 of the body", () => {
    const body = '{"keys":[]}';
    assert.equal(documentEtag(body), `"${createHash("sha256").update(body).digest("base64url")}"`);
    assert.match(documentEtag(body), /^"[A-Za-z0-9_-]{43}"$/u);
  });

  void it("is stable for equal documents and changes with the content", () => {
    const one = serializeDocument({ keys: [{ kid: "a" }] });
    assert.deepEqual(serializeDocument({ keys: [{ kid: "a" }] }), one);
    assert.equal(one.body, '{"keys":[{"kid":"a"}]}');
    assert.notEqual(serializeDocument({ keys: [{ kid: "b" }] }).etag, one.etag);
  });
});

void describe("ifNoneMatchMatches", () => {
  const etag = documentEtag("x");
  void it("matches the ETag, a list containing it, a weak form of it, and *", () => {
    assert.equal(ifNoneMatchMatches(etag, etag), true);
    assert.equal(ifNoneMatchMatches(`"other", ${etag}`, etag), true);
    assert.equal(ifNoneMatchMatches(`W/${etag}`, etag), true);
    assert.equal(ifNoneMatchMatches("*", etag), true);
  });

  void it("does not match absent or different tags", () => {
    assert.equal(ifNoneMatchMatches(undefined, etag), false);
    assert.equal(ifNoneMatchMatches('"other"', etag), false);
    assert.equal(ifNoneMatchMatches("", etag), false);
  });
});
