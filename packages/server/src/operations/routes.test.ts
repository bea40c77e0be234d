import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { NSC_COMMIT, NSC_VERSION } from "@nsc/core";
import { createLogger } from "../log/logger.js";
import type { Store } from "../store/open-store.js";
import { checkResponse } from "../test-support/check-response.js";
import {
  parsePrometheusText,
  prometheusParserMissing,
  type ParsedFamily,
} from "../test-support/python-prometheus.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface Registered {
  instance: { id: string };
  workload_token: string;
}

const missingParser = prometheusParserMissing();

function sample(
  families: readonly ParsedFamily[],
  name: string,
  labels: Readonly<Record<string, string>>,
): number | undefined {
  for (const family of families) {
    for (const s of family.samples) {
      if (s.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}

for (const database of TEST_DATABASES) {
  describe(`operations endpoints on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    const lines: Record<string, unknown>[] = [];

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store, {
        logger: createLogger({
          level: "debug",
          write: (line) => {
            lines.push(JSON.parse(line) as Record<string, unknown>);
          },
        }),
      });
      await t.workspace();
    });
    after(async () => store.close());

    it("serves an OpenAPI 3.1 document that a maintained validator accepts", async () => {
      const res = await t.app.request("/openapi.json");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^application\/json/u);
      const document = (await res.json()) as {
        openapi: string;
        info: { version: string };
        paths: Record<string, Record<string, unknown>>;
        components: { schemas: Record<string, unknown> };
      };
      assert.equal(document.openapi, "3.1.0");
      assert.equal(document.info.version, NSC_VERSION);
      const validator = new Validator();
      const result = await validator.validate(document);
      assert.equal(validator.version, "3.1");
      assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors));
      assert.equal(result.valid, true);
      // Generated from core's schemas: the instance kinds and error codes are there, not typed by hand.
      assert.ok(document.paths["/v1/instances/{id}"]?.delete);
      assert.ok(document.components.schemas.Instance);
      assert.match(JSON.stringify(document.components.schemas.ErrorBody), /"version_conflict"/u);
    });

    it("refuses a response that drifts from the document", () => {
      const headers = new Headers({ "content-type": "application/json" });
      const workspace = {
        id: "w",
        tenant_id: "w",
        name: "acme",
        created_at: "2026-01-01T00:00:00.000Z",
        role: "admin",
        issuer_url: "https://issuer.example.test",
      };
      checkResponse("GET", "/v1/workspace", { status: 200, headers }, JSON.stringify(workspace));
      const missing: Partial<typeof workspace> = { ...workspace };
      delete missing.role;
      assert.throws(() => {
        checkResponse("GET", "/v1/workspace", { status: 200, headers }, JSON.stringify(missing));
      }, /does not match the OpenAPI document/u);
      assert.throws(() => {
        checkResponse(
          "GET",
          "/v1/workspace",
          { status: 200, headers },
          JSON.stringify({ ...workspace, extra: 1 }),
        );
      }, /does not match/u);
      assert.throws(() => {
        checkResponse("GET", "/v1/workspace", { status: 201, headers }, JSON.stringify(workspace));
      }, /status not documented/u);
      assert.throws(() => {
        checkResponse("GET", "/v1/nothing", { status: 200, headers }, "{}");
      }, /not in the OpenAPI document/u);
    });

    it("answers unknown API, metrics, OpenAPI and well-known paths with JSON 404s, never the console", async () => {
      for (const path of [
        "/v1/nothing",
        "/v1",
        "/metrics/extra",
        "/openapi.json/x",
        "/.well-known/nothing",
        "/.well-known",
      ]) {
        const res = await t.app.request(path);
        assert.equal(res.status, 404, path);
        assert.match(res.headers.get("content-type") ?? "", /^application\/json/u, path);
        const body = (await res.json()) as { error: { code: string } };
        assert.equal(body.error.code, "route_not_found", path);
        assert.equal(res.headers.get("content-security-policy"), null, path);
      }
      const version = (await (await t.app.request("/version")).json()) as { version: string; commit: string };
      assert.equal(version.version, NSC_VERSION);
      assert.equal(version.commit, NSC_COMMIT);
    });

    it("returns a request ID on every response and puts it on every log line of the request", async () => {
      lines.length = 0;
      // Not a failed authentication: those are logged in aggregate, not a line each.
      const res = await t.app.request("/v1/no-such-route");
      assert.equal(res.status, 404);
      const id = res.headers.get("x-request-id") ?? "";
      assert.match(id, /^[A-Za-z0-9_-]{16}$/u);
      const other = (await t.app.request("/healthz")).headers.get("x-request-id");
      assert.notEqual(other, id);
      const requestLine = lines.find((l) => l.msg === "request" && l.path === "/v1/no-such-route");
      assert.equal(requestLine?.request_id, id);
      assert.ok(
        lines.every((l) => typeof l.request_id === "string"),
        JSON.stringify(lines),
      );
      // A well-formed ID from a proxy in front is kept; a malformed one is replaced.
      const kept = await t.app.request("/healthz", { headers: { "x-request-id": "edge-1234abcd" } });
      assert.equal(kept.headers.get("x-request-id"), "edge-1234abcd");
      const replaced = await t.app.request("/healthz", { headers: { "x-request-id": "bad id\u00e9" } });
      assert.notEqual(replaced.headers.get("x-request-id"), "bad id\u00e9");
    });

    it(
      "exposes Prometheus metrics that the official Python parser reads, with the documented families",
      { skip: missingParser },
      async () => {
        // An app and database of its own, so the counts below are this test's alone.
        const own = await openTestStore(database);
        const t = await createTestApp(own);
        const admin = (await t.workspace("metrics")).adminToken;
        const registered = (await t.call("POST", "/v1/instances", admin, { kind: "generic" }))
          .json as Registered;
        const ok = await t.call("POST", "/v1/id-token", registered.workload_token, {
          audience: "sts.example",
        });
        assert.equal(ok.status, 200);
        const refused = await t.call("POST", "/v1/id-token", registered.workload_token, { audience: "" });
        assert.equal(refused.status, 400);
        const noSpec = await t.call("POST", "/v1/workload/tailscale/join", registered.workload_token, {});
        assert.equal(noSpec.status, 400);
        assert.equal((await t.call("GET", "/v1/workspace", "nsct_notarealtoken")).status, 401);
        assert.equal((await t.call("GET", `/v1/instances/${registered.instance.id}`, admin)).status, 200);

        const res = await t.app.request("/metrics");
        assert.equal(res.status, 200);
        assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/u);
        const families = parsePrometheusText(await res.text());
        const names = new Set(families.map((f) => f.name));
        for (const name of [
          "nsc_http_request_duration_seconds",
          "nsc_tokens_issued",
          "nsc_tailscale_joins",
          "nsc_token_exchanges",
          "nsc_audit_batch_commit_seconds",
          "nsc_database_errors",
          "nsc_failed_authentications",
          "nsc_signing_key_age_seconds",
          "nsc_signing_key_next_rotation_timestamp_seconds",
        ]) {
          assert.ok(names.has(name), `${name} missing from ${[...names].join(", ")}`);
        }
        assert.equal(sample(families, "nsc_tokens_issued_total", { kind: "id_token", outcome: "ok" }), 1);
        assert.equal(
          sample(families, "nsc_tokens_issued_total", { kind: "id_token", outcome: "invalid_audience" }),
          1,
        );
        assert.equal(
          sample(families, "nsc_tokens_issued_total", { kind: "workload_token", outcome: "ok" }),
          1,
        );
        assert.equal(sample(families, "nsc_tailscale_joins_total", { outcome: "no_tailscale_spec" }), 1);
        assert.equal(sample(families, "nsc_failed_authentications_total", { code: "unauthenticated" }), 1);
        // Latency by registered route, never by raw path (an instance ID would be unbounded).
        assert.equal(
          sample(families, "nsc_http_request_duration_seconds_count", {
            method: "GET",
            route: "/v1/instances/:id",
            status: "200",
          }),
          1,
        );
        const rawPath = families
          .flatMap((f) => f.samples)
          .some((s) => Object.values(s.labels).some((v) => v.includes(registered.instance.id)));
        assert.equal(rawPath, false);
        // The issued token's audit event was group-committed: one batch observed.
        assert.ok((sample(families, "nsc_audit_batch_commit_seconds_count", { outcome: "ok" }) ?? 0) >= 1);
        const active = t.keyRing.keys.find((k) => k.state === "active");
        assert.ok(active);
        assert.equal(
          sample(families, "nsc_signing_key_age_seconds", { kid: active.kid, state: "active" }),
          (t.clock.now() - Date.parse(active.created_at)) / 1000,
        );
        t.clock.advance(3_600_000);
        const later = parsePrometheusText(await (await t.app.request("/metrics")).text());
        assert.equal(
          sample(later, "nsc_signing_key_age_seconds", { kid: active.kid, state: "active" }),
          (t.clock.now() - Date.parse(active.created_at)) / 1000,
        );
        assert.equal(
          sample(later, "nsc_signing_key_next_rotation_timestamp_seconds", {}),
          (t.keyRing.nextRotationAt ?? 0) / 1000,
        );
        await own.close();
      },
    );
  });
}
