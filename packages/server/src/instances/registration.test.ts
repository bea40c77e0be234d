import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeJwt } from "jose";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface Instance {
  id: string;
  workspace_id: string;
  kind: string;
  tailscale_spec: string | null;
  spec_source: string;
  runner_profile: string | null;
  devbox_name: string | null;
  hostname: string;
}
interface Registered {
  instance: Instance;
  workload_token: string;
}
interface ErrorJson {
  error: { code: string; message: string; field?: string };
}
interface Join {
  spec_name: string;
  spec: { oauth_client_id: string; tags: string[]; enable_magic_dns: boolean };
  id_token: string;
  issuer: string;
  subject: string;
  audience: string;
}

const DEVBOX = (spec?: string): string =>
  `name: box1\nimage: ubuntu:24.04\nsize: m\n${spec === undefined ? "" : `integrations:\n  tailscale:\n    spec: ${spec}\n`}`;

for (const database of TEST_DATABASES) {
  describe(`instance registration and the Tailscale join on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;
    let launcher: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
      launcher = (
        (await t.call("POST", "/v1/tokens", admin, { name: "launch", role: "launcher" })).json as {
          secret: string;
        }
      ).secret;
      for (const [name, tags, dns] of [
        ["corp", ["tag:namespace", "tag:ci"], true],
        ["other", ["tag:other"], false],
      ] as const) {
        const version = (
          (await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string }
        ).metadata_version;
        await t.call("PUT", `/v1/integrations/tailscale/${name}`, admin, {
          metadata_version: version,
          spec: { oauth_client_id: `client-${name}`, tags, enable_magic_dns: dns },
        });
      }
    });
    after(async () => store.close());

    const register = (body: unknown, token = launcher) => t.call("POST", "/v1/instances", token, body);
    const join = (workload: string) => t.call("POST", "/v1/workload/tailscale/join", workload, {});
    const setDefaults = (body: unknown, token = admin) => t.call("PUT", "/v1/devbox/defaults", token, body);
    const errorOf = (json: unknown): ErrorJson["error"] => (json as ErrorJson).error;

    it("registers a runner from its runs-on labels, with the profile's tailscale.spec", async () => {
      const res = await register({
        kind: "runner",
        labels: [
          "namespace-profile-linux-large;tailscale.spec=corp;container.privileged=true",
          "nscloud-ubuntu-22.04-amd64-4x16",
        ],
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      const { instance, workload_token } = res.json as Registered;
      assert.match(workload_token, /^nscw_[A-Za-z0-9_-]{43}$/u);
      assert.deepEqual(
        {
          kind: instance.kind,
          spec: instance.tailscale_spec,
          source: instance.spec_source,
          profile: instance.runner_profile,
        },
        { kind: "runner", spec: "corp", source: "label", profile: "linux-large" },
      );
      assert.match(instance.hostname, /^runner-[a-z2-7]{16}$/u);
    });

    it("refuses runner labels with the label and the problem named", async () => {
      const cases: readonly [string[], string, RegExp][] = [
        [["namespace-profile-a", "namespace-profile-b"], "invalid_runner_label", /namespace-profile-b/u],
        [["namespace-profile-a;tailscale.spec"], "invalid_runner_label", /tailscale\.spec/u],
        [["namespace-profile-a;x=1;x=2"], "invalid_runner_label", /feature "x" is given twice/u],
        [
          ["namespace-profile-a;tailscale.spec=nope"],
          "spec_not_found",
          /runner label "namespace-profile-a;tailscale.spec=nope": tailscale integration "nope" not found/u,
        ],
      ];
      for (const [labels, code, message] of cases) {
        const res = await register({ kind: "runner", labels });
        assert.equal(res.status, code === "spec_not_found" ? 404 : 400, JSON.stringify(res.json));
        assert.equal(errorOf(res.json).code, code);
        assert.match(errorOf(res.json).message, message);
      }
    });

    it("resolves a devbox's spec from its file, the default, and a locked default, in that order of strength", async () => {
      const file = (spec?: string) => ({
        kind: "devbox",
        devbox_file: { name: "box.yaml", content: DEVBOX(spec) },
      });
      assert.equal((await setDefaults({ tailscale_spec: "other", locked: false })).status, 200);
      const fromFile = (await register(file("corp"))).json as Registered;
      assert.deepEqual([fromFile.instance.tailscale_spec, fromFile.instance.spec_source], ["corp", "file"]);
      assert.equal(fromFile.instance.hostname, "box1");
      const fromDefault = (await register(file())).json as Registered;
      assert.deepEqual(
        [fromDefault.instance.tailscale_spec, fromDefault.instance.spec_source],
        ["other", "default"],
      );
      assert.equal((await setDefaults({ tailscale_spec: "other", locked: true })).status, 200);
      const locked = (await register(file("corp"))).json as Registered;
      assert.deepEqual(
        [locked.instance.tailscale_spec, locked.instance.spec_source],
        ["other", "locked_default"],
      );
      assert.equal((await setDefaults({ tailscale_spec: null, locked: false })).status, 200);
      const none = (await register(file())).json as Registered;
      assert.deepEqual([none.instance.tailscale_spec, none.instance.spec_source], [null, "none"]);
    });

    it("refuses a devbox file with its file, line and field named", async () => {
      const res = await register({
        kind: "devbox",
        devbox_file: { name: "box.yaml", content: "name: box1\nimage: ubuntu\nsize: huge\n" },
      });
      assert.equal(res.status, 400);
      assert.equal(errorOf(res.json).code, "invalid_devbox_spec");
      assert.match(errorOf(res.json).message, /^box\.yaml:3: size: /u);
    });

    it("lets only admins set devbox defaults, and only to an existing spec", async () => {
      assert.equal((await setDefaults({ tailscale_spec: "corp", locked: true }, launcher)).status, 403);
      const missing = await setDefaults({ tailscale_spec: "nope", locked: false });
      assert.equal(missing.status, 404);
      assert.equal(errorOf(missing.json).field, "tailscale_spec");
      assert.equal((await setDefaults({ tailscale_spec: "corp", extra: 1 })).status, 400);
    });

    it("joins with the spec as it is at join time and an ID token for api.tailscale.com/<client-id>", async () => {
      const { instance, workload_token } = (await register({ kind: "generic", tailscale_spec: "corp" }))
        .json as Registered;
      const first = (await join(workload_token)).json as Join;
      assert.equal(first.spec_name, "corp");
      assert.deepEqual(first.spec.tags, ["tag:namespace", "tag:ci"]);
      assert.equal(first.audience, "api.tailscale.com/client-corp");
      const claims = decodeJwt(first.id_token);
      assert.equal(claims.aud, "api.tailscale.com/client-corp");
      assert.equal(claims.sub, first.subject);
      assert.equal(claims.iss, first.issuer);
      assert.equal(first.subject.endsWith(`/${instance.id}`), true);

      // An edit between joins applies to the next join.
      const version = ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
      await t.call("PUT", "/v1/integrations/tailscale/corp", admin, {
        metadata_version: version,
        spec: { oauth_client_id: "client-corp2", tags: ["tag:edited"], enable_magic_dns: false },
      });
      const second = (await join(workload_token)).json as Join;
      assert.deepEqual(second.spec, {
        oauth_client_id: "client-corp2",
        tags: ["tag:edited"],
        enable_magic_dns: false,
      });
      assert.equal(decodeJwt(second.id_token).aud, "api.tailscale.com/client-corp2");
    });

    it("answers a dry run with the plan and no token, and audits nothing", async () => {
      const { instance, workload_token } = (await register({ kind: "generic", tailscale_spec: "other" }))
        .json as Registered;
      const res = await t.call("POST", "/v1/workload/tailscale/join", workload_token, { dry_run: true });
      assert.equal(res.status, 200);
      const plan = res.json as Record<string, unknown>;
      assert.equal(plan.id_token, undefined);
      assert.equal(plan.expires_at, undefined);
      assert.equal(plan.spec_name, "other");
      assert.equal(plan.audience, "api.tailscale.com/client-other");
      assert.equal(plan.subject, `${instance.workspace_id}/${instance.id}`);
      const audit = (await t.call("GET", "/v1/audit?action=id_token.issued&limit=500", admin)).json as {
        events: { object_id: string }[];
      };
      assert.equal(
        audit.events.some((e) => e.object_id === instance.id),
        false,
      );
    });

    it("asks for the spec's custom audience when it has one", async () => {
      const version = ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
      const put = await t.call("PUT", "/v1/integrations/tailscale/custom-aud", admin, {
        metadata_version: version,
        spec: { oauth_client_id: "kcustom", tags: ["tag:a"], enable_magic_dns: false, audience: "my-aud/7" },
      });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      const { workload_token } = (await register({ kind: "generic", tailscale_spec: "custom-aud" }))
        .json as Registered;
      const res = await join(workload_token);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      const answer = res.json as { audience: string; id_token: string; spec: { audience?: string } };
      assert.equal(answer.audience, "my-aud/7");
      assert.equal(answer.spec.audience, "my-aud/7");
      const claims = JSON.parse(Buffer.from(answer.id_token.split(".")[1] ?? "", "base64url").toString()) as {
        aud: unknown;
      };
      assert.equal(claims.aud, "my-aud/7");
    });

    it("says clearly when the spec was removed since registration, or there is none", async () => {
      const version = ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
      await t.call("PUT", "/v1/integrations/tailscale/brief", admin, {
        metadata_version: version,
        spec: { oauth_client_id: "c", tags: ["tag:a"], enable_magic_dns: false },
      });
      const { workload_token } = (await register({ kind: "generic", tailscale_spec: "brief" }))
        .json as Registered;
      const now = ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
      // A live instance uses the spec, so removing it takes force.
      const deleted = await t.call(
        "DELETE",
        `/v1/integrations/tailscale/brief?metadata_version=${now}&force=true`,
        admin,
      );
      assert.equal(deleted.status, 200, JSON.stringify(deleted.json));
      const removed = await join(workload_token);
      assert.equal(removed.status, 404);
      assert.equal(errorOf(removed.json).code, "spec_not_found");
      assert.match(errorOf(removed.json).message, /was removed after the instance was registered/u);

      const bare = (await register({ kind: "generic" })).json as Registered;
      const none = await join(bare.workload_token);
      assert.equal(none.status, 400);
      assert.equal(errorOf(none.json).code, "no_tailscale_spec");
    });

    it("refuses a generic instance naming an unknown spec, and members registering", async () => {
      const res = await register({ kind: "generic", tailscale_spec: "nope" });
      assert.equal(res.status, 404);
      assert.equal(errorOf(res.json).field, "tailscale_spec");
      const member = (
        (await t.call("POST", "/v1/tokens", admin, { name: "m", role: "member" })).json as { secret: string }
      ).secret;
      assert.equal((await register({ kind: "generic" }, member)).status, 403);
      assert.equal((await register({ kind: "vm" })).status, 400);
    });

    it("lets a launcher destroy what it registered but not read the workspace's specs", async () => {
      const { instance } = (await register({ kind: "generic" })).json as Registered;
      assert.equal((await t.call("DELETE", `/v1/instances/${instance.id}`, launcher)).status, 200);
      assert.equal((await t.call("GET", "/v1/integrations", launcher)).status, 403);
      const described = (await t.call("GET", `/v1/instances/${instance.id}`, admin)).json as {
        instance: { destroyed_at: string | null };
      };
      assert.notEqual(described.instance.destroyed_at, null);
    });
  });
}
