import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import type { Store } from "../../src/store/open-store.js";
import { createTestApp, type TestApp } from "../../src/test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../../src/test-support/test-databases.js";
import { fcOptions } from "./seed.js";

type Role = "admin" | "member" | "launcher";

interface Endpoint {
  readonly method: string;
  readonly path: (ids: Ids) => string;
  readonly body?: (ids: Ids) => unknown;
  /** Roles that may call it; every other role must get 403. */
  readonly roles: readonly Role[];
}

interface Ids {
  readonly instance: string;
  readonly token: string;
  readonly spec: string;
  readonly version: string;
}

const ALL: readonly Role[] = ["admin", "member", "launcher"];
const ENDPOINTS: readonly Endpoint[] = [
  { method: "GET", path: () => "/v1/workspace", roles: ["admin", "member"] },
  { method: "GET", path: () => "/v1/integrations", roles: ["admin", "member"] },
  {
    method: "PUT",
    path: (ids) => `/v1/integrations/tailscale/${ids.spec}`,
    body: (ids) => ({
      metadata_version: ids.version,
      spec: { oauth_client_id: "client-x", tags: ["tag:x"], enable_magic_dns: false },
    }),
    roles: ["admin"],
  },
  {
    method: "DELETE",
    path: (ids) => `/v1/integrations/tailscale/${ids.spec}?metadata_version=${ids.version}`,
    roles: ["admin"],
  },
  { method: "GET", path: () => "/v1/devbox/defaults", roles: ["admin", "member"] },
  {
    method: "PUT",
    path: () => "/v1/devbox/defaults",
    body: () => ({ tailscale_spec: null, locked: false }),
    roles: ["admin"],
  },
  { method: "GET", path: () => "/v1/instances", roles: ["admin", "member"] },
  { method: "GET", path: (ids) => `/v1/instances/${ids.instance}`, roles: ["admin", "member"] },
  {
    method: "POST",
    path: () => "/v1/instances",
    body: () => ({ kind: "generic" }),
    roles: ["admin", "launcher"],
  },
  { method: "DELETE", path: (ids) => `/v1/instances/${ids.instance}`, roles: ["admin", "launcher"] },
  { method: "GET", path: () => "/v1/tokens", roles: ["admin", "member"] },
  {
    method: "POST",
    path: () => "/v1/tokens",
    body: () => ({ name: "probe", role: "member" }),
    roles: ["admin"],
  },
  { method: "DELETE", path: (ids) => `/v1/tokens/${ids.token}`, roles: ["admin"] },
  { method: "GET", path: () => "/v1/audit", roles: ["admin"] },
];

interface Workspace {
  readonly id: string;
  readonly tokens: Readonly<Record<Role, string>>;
  readonly workload: string;
  readonly ids: Ids;
}

for (const database of TEST_DATABASES) {
  void describe(`adversarial: workspaces and roles on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let a: Workspace;
    let b: Workspace;

    const setUp = async (name: string): Promise<Workspace> => {
      const ws = await t.workspace(name);
      const token = async (role: Role, label: string): Promise<{ id: string; secret: string }> => {
        const json = (await t.call("POST", "/v1/tokens", ws.adminToken, { name: label, role })).json as {
          token: { id: string };
          secret: string;
        };
        return { id: json.token.id, secret: json.secret };
      };
      const member = await token("member", `${name}-member`);
      const launcher = await token("launcher", `${name}-launcher`);
      const spare = await token("member", `${name}-spare`);
      const version = (
        (await t.call("GET", "/v1/integrations", ws.adminToken)).json as { metadata_version: string }
      ).metadata_version;
      await t.call("PUT", `/v1/integrations/tailscale/${name}-spec`, ws.adminToken, {
        metadata_version: version,
        spec: { oauth_client_id: `client-${name}`, tags: [`tag:${name}`], enable_magic_dns: true },
      });
      const registered = (await t.call("POST", "/v1/instances", ws.adminToken, { kind: "generic" })).json as {
        instance: { id: string };
        workload_token: string;
      };
      const current = (
        (await t.call("GET", "/v1/integrations", ws.adminToken)).json as { metadata_version: string }
      ).metadata_version;
      return {
        id: ws.id,
        tokens: { admin: ws.adminToken, member: member.secret, launcher: launcher.secret },
        workload: registered.workload_token,
        ids: { instance: registered.instance.id, token: spare.id, spec: `${name}-spec`, version: current },
      };
    };

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      a = await setUp("alpha");
      b = await setUp("bravo");
    });
    after(async () => store.close());

    void it("no credential of one workspace reads or changes another's objects", async () => {
      const secrets = [...Object.values(b.tokens), b.workload];
      const bFootprint = [b.id, b.ids.instance, b.ids.token, "client-bravo", "tag:bravo", ...secrets];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ENDPOINTS),
          fc.constantFrom<Role | "workload">("admin", "member", "launcher", "workload"),
          async (endpoint, who) => {
            const token = who === "workload" ? a.workload : a.tokens[who];
            // Aim at workspace B's objects with workspace A's credential.
            const path = endpoint.path(b.ids);
            const res = await t.call(endpoint.method, path, token, endpoint.body?.(b.ids));
            const text = JSON.stringify(res.json ?? null);
            // What the caller sent may be echoed back (`instance "…" not found`); nothing else of B may appear.
            for (const mark of bFootprint.filter((m) => !path.includes(m))) {
              assert.ok(!text.includes(mark), `${endpoint.method} ${path} leaked ${mark}`);
            }
            const aimsAtB = [b.ids.instance, b.ids.token].some((id) => path.includes(id));
            if (aimsAtB)
              assert.ok(
                res.status === 403 || res.status === 404,
                `${endpoint.method} ${path}: ${res.status}`,
              );
          },
        ),
        fcOptions(60),
      );
      // Workspace B is untouched.
      const instance = await t.call("GET", `/v1/instances/${b.ids.instance}`, b.tokens.admin);
      assert.equal(
        (instance.json as { instance: { destroyed_at: string | null } }).instance.destroyed_at,
        null,
      );
      const listed = (await t.call("GET", "/v1/tokens", b.tokens.admin)).json as {
        tokens: { id: string; revoked_at: string | null }[];
      };
      assert.equal(listed.tokens.find((tk) => tk.id === b.ids.token)?.revoked_at, null);
      const specs = (await t.call("GET", "/v1/integrations", b.tokens.admin)).json as { tailscale: object };
      assert.deepEqual(Object.keys(specs.tailscale), ["bravo-spec"]);
    });

    void it("every role gets exactly the endpoints its role allows; a workload token none of them", async () => {
      for (const endpoint of ENDPOINTS) {
        for (const role of ALL) {
          const res = await t.call(
            endpoint.method,
            endpoint.path(a.ids),
            a.tokens[role],
            endpoint.body?.(a.ids),
          );
          const label = `${role} ${endpoint.method} ${endpoint.path(a.ids)}`;
          if (endpoint.roles.includes(role)) assert.notEqual(res.status, 403, label);
          else assert.equal(res.status, 403, `${label}: ${JSON.stringify(res.json)}`);
        }
        const res = await t.call(endpoint.method, endpoint.path(a.ids), a.workload, endpoint.body?.(a.ids));
        assert.equal(res.status, 403, `workload ${endpoint.method}`);
      }
      for (const role of ALL) {
        for (const path of ["/v1/id-token", "/v1/workload/tailscale/join"]) {
          const res = await t.call("POST", path, a.tokens[role], { audience: "x" });
          assert.equal(res.status, 403, `${role} ${path}`);
        }
      }
    });
  });
}
