import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { integrationsJson } from "./format-integrations.js";

// nsc-conventions.md: "Every field is `omitempty`: an empty document prints `{}`, and after the last spec is
// removed `{"metadata_version": "N"}`."
describe("integrationsJson", () => {
  const spec = { oauth_client_id: "k1", tags: ["tag:a"], enable_magic_dns: false };
  it("leaves out a zero version and an empty tailscale map", () => {
    assert.equal(JSON.stringify(integrationsJson({ metadata_version: "0", tailscale: {} })), "{}");
    assert.equal(
      JSON.stringify(integrationsJson({ metadata_version: "4", tailscale: {} }), null, 2),
      '{\n  "metadata_version": "4"\n}',
    );
  });

  it("keeps the shape otherwise, specs as they are", () => {
    assert.deepEqual(integrationsJson({ metadata_version: "3", tailscale: { a: spec } }), {
      metadata_version: "3",
      tailscale: { a: spec },
    });
  });
});
