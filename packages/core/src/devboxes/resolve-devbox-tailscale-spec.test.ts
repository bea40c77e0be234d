import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSpecName } from "../ids/spec-name.js";
import { resolveDevboxTailscaleSpec } from "./resolve-devbox-tailscale-spec.js";

const corp = parseSpecName("corp");
const dev = parseSpecName("dev");

void describe("resolveDevboxTailscaleSpec", () => {
  void it("lets a locked workspace default win over the file", () => {
    assert.deepEqual(
      resolveDevboxTailscaleSpec({ fileSpec: dev, workspaceDefault: { spec: corp, locked: true } }),
      {
        spec: corp,
        source: "locked_default",
      },
    );
  });

  void it("lets a locked empty default mean no Tailscale, whatever the file says", () => {
    assert.deepEqual(
      resolveDevboxTailscaleSpec({ fileSpec: dev, workspaceDefault: { spec: null, locked: true } }),
      {
        spec: null,
        source: "locked_default",
      },
    );
  });

  void it("uses the file's spec over an unlocked default", () => {
    assert.deepEqual(
      resolveDevboxTailscaleSpec({ fileSpec: dev, workspaceDefault: { spec: corp, locked: false } }),
      {
        spec: dev,
        source: "file",
      },
    );
    assert.deepEqual(resolveDevboxTailscaleSpec({ fileSpec: dev }), { spec: dev, source: "file" });
  });

  void it("falls back to the unlocked default", () => {
    assert.deepEqual(resolveDevboxTailscaleSpec({ workspaceDefault: { spec: corp, locked: false } }), {
      spec: corp,
      source: "default",
    });
  });

  void it("gives none when nothing names a spec", () => {
    assert.deepEqual(resolveDevboxTailscaleSpec({}), { spec: null, source: "none" });
    assert.deepEqual(resolveDevboxTailscaleSpec({ workspaceDefault: { spec: null, locked: false } }), {
      spec: null,
      source: "none",
    });
    assert.deepEqual(resolveDevboxTailscaleSpec({ fileSpec: undefined, workspaceDefault: undefined }), {
      spec: null,
      source: "none",
    });
  });
});
