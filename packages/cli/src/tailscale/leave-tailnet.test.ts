import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { leaveTailnet } from "./leave-tailnet.js";
import type { ProgramResult, RunProgram } from "./run-program.js";

function tailscale(results: Record<string, ProgramResult>): { run: RunProgram; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    run: (_program, args) => {
      calls.push(args.join(" "));
      return Promise.resolve(results[args[0] ?? ""] ?? { kind: "exited", code: 0, stdout: "", stderr: "" });
    },
  };
}

const env = {};

describe("leaveTailnet", () => {
  it("runs `tailscale logout`", async () => {
    const { run, calls } = tailscale({});
    assert.equal(await leaveTailnet("tailscale", { platform: "linux", env, runProgram: run }), "logged_out");
    assert.deepEqual(calls, ["status --json", "logout"]);
  });

  it("does not log out a node that is logged out already", async () => {
    const { run, calls } = tailscale({
      status: { kind: "exited", code: 0, stdout: JSON.stringify({ BackendState: "NeedsLogin" }), stderr: "" },
    });
    assert.equal(
      await leaveTailnet("tailscale", { platform: "linux", env, runProgram: run }),
      "already_logged_out",
    );
    assert.deepEqual(calls, ["status --json"]);
  });

  it("succeeds quietly when logout finds nothing to log out of", async () => {
    const { run } = tailscale({
      logout: { kind: "exited", code: 1, stdout: "", stderr: "some error\n" },
      status: { kind: "exited", code: 0, stdout: JSON.stringify({ BackendState: "NeedsLogin" }), stderr: "" },
    });
    assert.equal(
      await leaveTailnet("tailscale", { platform: "linux", env, runProgram: run }),
      "already_logged_out",
    );
    const { run: said } = tailscale({
      logout: { kind: "exited", code: 1, stdout: "", stderr: "not logged in\n" },
    });
    assert.equal(
      await leaveTailnet("tailscale", { platform: "linux", env, runProgram: said }),
      "already_logged_out",
    );
  });

  it("fails with the client's last line otherwise, and off Linux", async () => {
    const { run } = tailscale({
      logout: { kind: "exited", code: 1, stdout: "", stderr: "backend error: boom\n" },
      status: { kind: "exited", code: 0, stdout: JSON.stringify({ BackendState: "Running" }), stderr: "" },
    });
    await assert.rejects(
      leaveTailnet("tailscale", { platform: "linux", env, runProgram: run }),
      /tailscale logout failed: backend error: boom/u,
    );
    await assert.rejects(
      leaveTailnet("tailscale", { platform: "win32", env, runProgram: run }),
      (error: unknown) => error instanceof NscError && error.code === "unsupported_platform",
    );
  });
});
