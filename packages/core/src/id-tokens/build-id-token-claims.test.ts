import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseInstanceId, parseWorkspaceId } from "../ids/object-id.js";
import { buildIdTokenClaims, NOT_BEFORE_SKEW_SECS } from "./build-id-token-claims.js";
import { ID_TOKEN_CLAIM_NAMES, type IdTokenClaimName, type IdTokenClaims } from "./id-token-claims.js";
import { parseAudience } from "./parse-audience.js";
import { NscError } from "../errors/nsc-error.js";

const workspaceId = parseWorkspaceId("ws-abcdefghijklmnop");
const instanceId = parseInstanceId("in-qrstuvwxyz234567");
const base = {
  issuer: "https://nsc.example.com",
  workspaceId,
  instanceId,
  audience: parseAudience("api.tailscale.com/kXyz123CNTRL"),
  now: Date.UTC(2026, 0, 1, 12, 0, 0, 999),
  lifetimeSecs: 600,
  jti: "jti-1",
} as const;

void describe("buildIdTokenClaims", () => {
  void it("builds the subject from immutable IDs and times from the injected clock", () => {
    const claims = buildIdTokenClaims({ ...base, instanceKind: "generic" });
    const iat = Date.UTC(2026, 0, 1, 12, 0, 0) / 1000;
    assert.deepEqual(claims, {
      iss: "https://nsc.example.com",
      sub: "ws-abcdefghijklmnop/in-qrstuvwxyz234567",
      aud: "api.tailscale.com/kXyz123CNTRL",
      iat,
      nbf: iat - 60,
      exp: iat + 600,
      jti: "jti-1",
      tenant_id: "ws-abcdefghijklmnop",
      instance_id: "in-qrstuvwxyz234567",
      instance_kind: "generic",
    });
    assert.equal(NOT_BEFORE_SKEW_SECS, 60);
  });

  void it("adds runner_profile and devbox_name only when given", () => {
    const runner = buildIdTokenClaims({ ...base, instanceKind: "runner", runnerProfile: "linux-large" });
    assert.equal(runner.runner_profile, "linux-large");
    assert.equal("devbox_name" in runner, false);
    const devbox = buildIdTokenClaims({ ...base, instanceKind: "devbox", devboxName: "alice-dev" });
    assert.equal(devbox.devbox_name, "alice-dev");
    assert.equal("runner_profile" in devbox, false);
  });

  void it("writes only claims listed in ID_TOKEN_CLAIM_NAMES", () => {
    type Unlisted = Exclude<keyof IdTokenClaims, IdTokenClaimName>;
    type Undeclared = Exclude<IdTokenClaimName, keyof IdTokenClaims>;
    const listMatchesType: [Unlisted, Undeclared] extends [never, never] ? true : false = true;
    assert.equal(listMatchesType, true);
    const claims = buildIdTokenClaims({
      ...base,
      instanceKind: "runner",
      runnerProfile: "p",
      devboxName: "d",
      tailscaleSpec: "corp",
      source: {
        trust_relationship: "arc",
        source_issuer: "https://kubernetes.default.svc",
        source_subject: "system:serviceaccount:ci:runner",
        kubernetes_namespace: "ci",
        kubernetes_service_account: "runner",
        github_repository: "acme/app",
        github_workflow_ref: "acme/app/.github/workflows/ci.yml@refs/heads/main",
        github_runner_environment: "self-hosted",
      },
    });
    assert.deepEqual(Object.keys(claims), [...ID_TOKEN_CLAIM_NAMES]);
  });

  void it("caps exp at the instance's expiry, and refuses an instance about to expire", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const capped = buildIdTokenClaims({
      ...base,
      instanceKind: "generic",
      now,
      lifetimeSecs: 3600,
      notAfter: now + 90_500,
    });
    assert.equal(capped.exp, capped.iat + 90);
    const uncapped = buildIdTokenClaims({
      ...base,
      instanceKind: "generic",
      now,
      lifetimeSecs: 60,
      notAfter: now + 90_500,
    });
    assert.equal(uncapped.exp, uncapped.iat + 60);
    assert.throws(
      () =>
        buildIdTokenClaims({ ...base, instanceKind: "generic", now, lifetimeSecs: 60, notAfter: now + 500 }),
      (error: unknown) => error instanceof NscError && error.code === "workload_token_expired",
    );
  });

  void it("rejects a non-positive lifetime", () => {
    assert.throws(
      () => buildIdTokenClaims({ ...base, instanceKind: "generic", lifetimeSecs: 0 }),
      (error: unknown) => error instanceof NscError && error.code === "invalid_duration",
    );
  });
});
