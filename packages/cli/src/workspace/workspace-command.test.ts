import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { formatWorkspace, selectJsonKey, workspaceJson } from "./workspace-command.js";

const INFO = {
  id: "ws-aaaaaaaaaaaaaaaa",
  tenant_id: "ws-aaaaaaaaaaaaaaaa",
  name: "acme",
  created_at: "2026-01-01T00:00:00.000Z",
  role: "admin",
  issuer_url: "https://nsc.example.com",
};

// nsc-conventions.md, "Workspace".
describe("nsc workspace describe output", () => {
  it("prints upstream's plain layout byte for byte", () => {
    assert.equal(
      formatWorkspace(INFO),
      "\nWorkspace details:\n\nName: acme\nTenant ID: ws-aaaaaaaaaaaaaaaa\n",
    );
  });

  it("puts upstream's keys first and ours after, none colliding", () => {
    assert.deepEqual(Object.keys(workspaceJson(INFO, "http://127.0.0.1:8585")), [
      "tenant_id",
      "name",
      "app_url",
      "id",
      "created_at",
      "role",
      "issuer_url",
      "subject_pattern",
    ]);
  });

  it("selects one key, and names a missing one with upstream's text", () => {
    const json = workspaceJson(INFO, "http://x");
    assert.equal(selectJsonKey(json, "tenant_id"), "ws-aaaaaaaaaaaaaaaa\n");
    assert.throws(
      () => selectJsonKey(json, "registry_url"),
      (error: unknown) =>
        error instanceof NscError &&
        error.message === 'selected json key "registry_url" not found in response',
    );
  });
});
