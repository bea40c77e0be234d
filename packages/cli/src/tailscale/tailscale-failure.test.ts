import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { InstanceInfo as Instance } from "@nsc/core/api/instances.js";
import { explainFailure } from "./explain-failure.js";
import type { TailscaleJoinResponse as JoinResponse } from "@nsc/core/api/tailscale-join.js";
import { classifyTailscaleFailure, isTransient, lastLineOf } from "./tailscale-failure.js";

const INSTANCE: Instance = {
  id: "in-aaaaaaaaaaaaaaaa",
  kind: "runner",
  workspace_id: "ws-bbbbbbbbbbbbbbbb",
  subject: "ws-bbbbbbbbbbbbbbbb/in-aaaaaaaaaaaaaaaa",
  tailscale_spec: "corp",
  spec_source: "label",
  runner_profile: "ci",
  runner_labels: ["namespace-profile-ci;tailscale.spec=corp"],
  devbox_name: null,
  hostname: "nsc-in-aaaaaaaaaaaaaaaa",
  created_at: "2025-01-01T00:00:00Z",
  expires_at: "2025-01-01T06:00:00Z",
  destroyed_at: null,
};

const JOIN: JoinResponse = {
  instance: INSTANCE,
  spec_name: "corp",
  spec: { oauth_client_id: "k123", tags: ["tag:namespace", "tag:ci"], enable_magic_dns: true },
  id_token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
  expires_at: "2025-01-01T00:10:00Z",
  issuer: "https://nsc.example.com",
  subject: INSTANCE.subject,
  audience: "api.tailscale.com/k123",
};

const CONTEXT = {
  join: JOIN,
  version: { major: 1, minor: 92, patch: 3 },
  program: "tailscale",
  path: "federated" as const,
};

describe("classifyTailscaleFailure", () => {
  it("finds rejected tags in the client's and the API's texts", () => {
    assert.deepEqual(
      classifyTailscaleFailure(
        'unexpected error while creating authkey: Status: 400, Message: "requested tags [tag:namespace tag:ci] are invalid or not permitted"\n',
      ),
      { kind: "tags_rejected", tags: ["tag:namespace", "tag:ci"] },
    );
  });

  it("finds a rejected token: 401, 403, or Unauthorized", () => {
    assert.deepEqual(
      classifyTailscaleFailure(
        'failed to exchange JWT for access token: token exchange failed with status 403: {"message":"Unauthorized"}',
      ),
      { kind: "token_rejected", status: 403 },
    );
    assert.deepEqual(classifyTailscaleFailure("token exchange failed with status 401: nope"), {
      kind: "token_rejected",
      status: 401,
    });
    assert.deepEqual(classifyTailscaleFailure('backend error: {"message":"Unauthorized"}'), {
      kind: "token_rejected",
      status: undefined,
    });
  });

  it("finds a client too old for a flag", () => {
    assert.deepEqual(classifyTailscaleFailure("flag provided but not defined: -client-id\nUSAGE..."), {
      kind: "client_too_old",
      flag: "client-id",
    });
  });

  it("marks Tailscale 5xx answers as server errors, and only those", () => {
    assert.deepEqual(
      classifyTailscaleFailure(
        'failed to exchange JWT for access token: token exchange failed with status 503: {"message":"injected failure"}',
      ),
      {
        kind: "server_error",
        status: 503,
        lastLine:
          'failed to exchange JWT for access token: token exchange failed with status 503: {"message":"injected failure"}',
      },
    );
    assert.equal(
      classifyTailscaleFailure('unexpected error while creating authkey: Status: 502, Message: ""').kind,
      "server_error",
    );
    assert.equal(classifyTailscaleFailure("token exchange failed with status 400: bad").kind, "other");
  });

  // tailscale-wif.md: "network failures read `unexpected token exchange request error: Post "…": dial tcp …`
  // or `… Client.Timeout exceeded …`".
  it("marks the client's network failures as transient, and never a 4xx", () => {
    const texts = [
      'failed to exchange JWT for access token: unexpected token exchange request error: Post "https://c/api/v2/oauth/token-exchange": dial tcp 10.0.0.1:443: connect: connection refused',
      'failed to exchange JWT for access token: unexpected token exchange request error: Post "https://c/x": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      'unexpected error while creating authkey: Post "https://c/api/v2/tailnet/-/keys": dial tcp: lookup c: no such host',
    ];
    for (const text of texts) {
      const failure = classifyTailscaleFailure(text);
      assert.equal(failure.kind, "network", text);
      assert.equal(isTransient(failure), true);
    }
    const refused = classifyTailscaleFailure(
      'unexpected error while creating authkey: Status: 400, Message: "bad request"',
    );
    assert.equal(isTransient(refused), false);
    assert.equal(isTransient(classifyTailscaleFailure("token exchange failed with status 400: x")), false);
  });

  it("retries key creation whose error body was not JSON (the text then carries no status)", () => {
    const failure = classifyTailscaleFailure(
      "unexpected error while creating authkey: invalid character '<' looking for beginning of value",
    );
    assert.equal(failure.kind, "server_error");
    assert.equal(isTransient(failure), true);
    assert.equal(isTransient(classifyTailscaleFailure("received empty authkey from control server")), false);
  });

  it("recognises the timeout, the interactive fallback and a refused control-server move", () => {
    const timeout =
      'timeout waiting for Tailscale service to enter a Running state; check health with "tailscale status"';
    assert.deepEqual(classifyTailscaleFailure(timeout), { kind: "timed_out", interactive: false });
    assert.deepEqual(classifyTailscaleFailure(`To authenticate, visit:\n\n\thttps://x/a/1\n\n${timeout}`), {
      kind: "timed_out",
      interactive: true,
    });
    assert.deepEqual(classifyTailscaleFailure("can't change --login-server without --force-reauth"), {
      kind: "login_server_change",
    });
  });

  it("keeps the client's last line for anything else", () => {
    assert.deepEqual(classifyTailscaleFailure("some\nthing broke\n\n"), {
      kind: "other",
      lastLine: "thing broke",
    });
    assert.equal(lastLineOf(""), "(no output)");
  });
});

describe("explainFailure", () => {
  it("names the rejected tags and says the trust credential must allow the same tags", () => {
    const error = explainFailure({ kind: "tags_rejected", tags: ["tag:ci"] }, CONTEXT);
    assert.equal(error.code, "tailscale_tags_rejected");
    assert.match(error.message, /refused the tags tag:ci of spec "corp"/u);
    assert.match(error.message, /client ID k123/u);
    assert.match(
      error.message,
      /give the trust credential exactly the spec.s tags \(tag:namespace, tag:ci\)/u,
    );
  });

  it("prints the issuer, subject and audience the trust credential must be configured with", () => {
    const error = explainFailure({ kind: "token_rejected", status: 403 }, CONTEXT);
    assert.equal(error.code, "tailscale_token_rejected");
    assert.ok(error.message.includes("issuer https://nsc.example.com"));
    assert.ok(error.message.includes(`matching ${INSTANCE.subject}`));
    assert.ok(error.message.includes("ws-bbbbbbbbbbbbbbbb/*"));
    assert.ok(error.message.includes("audience api.tailscale.com/k123"));
    assert.ok(!error.message.includes(JOIN.id_token));
  });

  it("asks for an upgrade when the client is too old, and keeps other failures' last line", () => {
    const old = explainFailure({ kind: "client_too_old", flag: "client-id" }, CONTEXT);
    assert.equal(old.code, "tailscale_client_too_old");
    assert.match(old.message, /--client-id: upgrade Tailscale to 1\.90\.4 or later/u);
    const other = explainFailure({ kind: "other", lastLine: "backend error: boom" }, CONTEXT);
    assert.deepEqual(
      [other.code, other.message],
      ["tailscale_failed", "tailscale up failed: backend error: boom"],
    );
  });

  // tailscale-wif.md: "Builds made without the identity-federation feature … accept the flags but skip
  // federation: `up` falls back to interactive login and waits until `--timeout`."
  it("explains a timeout on the federated path as a client that may lack federation, naming --no-federation", () => {
    const error = explainFailure({ kind: "timed_out", interactive: true }, CONTEXT);
    assert.equal(error.code, "tailscale_failed");
    assert.match(error.message, /built without identity federation/u);
    assert.match(error.message, /nsc tailscale up --no-federation/u);
    const authKey = explainFailure(
      { kind: "timed_out", interactive: false },
      { ...CONTEXT, path: "auth_key" },
    );
    assert.doesNotMatch(authKey.message, /--no-federation/u);
  });

  // tailscale-wif.md: the trust credential's "audience (optional …) a custom audience may be set …
  // `api.tailscale.com/<client-id>` is the default … unverified in primary source".
  it("never claims that no audience means the same; names the spec's custom audience when it has one", () => {
    const byDefault = explainFailure({ kind: "token_rejected", status: 403 }, CONTEXT);
    assert.doesNotMatch(byDefault.message, /means the same/u);
    assert.match(byDefault.message, /--audience <its audience>/u);
    const custom = explainFailure(
      { kind: "token_rejected", status: 403 },
      {
        ...CONTEXT,
        join: { ...JOIN, audience: "my-aud", spec: { ...JOIN.spec, audience: "my-aud" } },
      },
    );
    assert.match(custom.message, /audience my-aud \(the spec's custom audience\)/u);
  });
});
