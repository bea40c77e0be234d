import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeSpecChoice } from "./describe-spec-choice.js";

const devbox = (tailscale_spec: string | null, spec_source: "file" | "default" | "locked_default" | "none") =>
  ({ kind: "devbox", tailscale_spec, spec_source, runner_profile: null }) as const;

describe("describeSpecChoice", () => {
  it("says where a devbox's spec came from", () => {
    assert.equal(describeSpecChoice(devbox("dev", "file"), "dev"), "dev (from the devbox file)");
    assert.equal(describeSpecChoice(devbox("corp", "default")), "corp (workspace default)");
    assert.equal(
      describeSpecChoice(devbox("corp", "locked_default"), "other"),
      `corp (locked workspace default; overrides the file's "other")`,
    );
    assert.equal(
      describeSpecChoice(devbox("corp", "locked_default"), "corp"),
      "corp (locked workspace default)",
    );
    assert.equal(describeSpecChoice(devbox("corp", "locked_default")), "corp (locked workspace default)");
    assert.equal(
      describeSpecChoice(devbox(null, "locked_default"), "dev"),
      `none (locked workspace default: no Tailscale; overrides the file's "dev")`,
    );
    assert.match(
      describeSpecChoice(devbox(null, "none")),
      /^none \(the file names none and the workspace has no default/u,
    );
  });

  it("names a runner's profile and a generic instance's request", () => {
    assert.equal(
      describeSpecChoice({
        kind: "runner",
        tailscale_spec: "corp",
        spec_source: "label",
        runner_profile: "ci",
      }),
      `corp (from the tailscale.spec feature of runner profile "ci")`,
    );
    assert.equal(
      describeSpecChoice({
        kind: "generic",
        tailscale_spec: "corp",
        spec_source: "request",
        runner_profile: null,
      }),
      "corp (named at registration)",
    );
  });
});
