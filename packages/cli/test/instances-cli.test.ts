import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TEST_DATABASES } from "@nsc/server/testing";
import {
  assertFailure,
  assertNoSecrets,
  startFederation,
  inProcessWorkload,
  type Federation,
  type Workload,
} from "./support/federation.js";
import { cliEnv, runNsc } from "@nsc/testkit";

interface Created {
  readonly instance: Workload["instance"] & { readonly kind: string; readonly devbox_name: string | null };
  readonly token_file?: string;
  readonly workload_token?: string;
}

function decodeClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

for (const database of TEST_DATABASES) {
  describe(`nsc instances, devbox and auth against nsc-server on ${database.name}`, () => {
    let federation: Federation;
    let dir: string;

    before(async () => {
      federation = await startFederation(database);
      await federation.setSpec("other", federation.credential.clientId, ["tag:ci"], false);
      dir = mkdtempSync(join(tmpdir(), "nsc-instances-"));
    });
    after(async () => {
      await federation.close();
    });

    it("prints a new instance's token once, with a warning to store it", async () => {
      const result = await federation.nsc("instances", "create", "--tailscale-spec", "corp", "--ttl", "6h");
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        /^Registered generic instance in-[a-z2-7]{16} \(hostname \S+, expires \S+\)\.\n/u,
      );
      assert.match(result.stdout, /\nTailscale spec: corp \(named at registration\)\n/u);
      assert.match(result.stdout, /shown only this once\. Store it now/u);
      assert.equal(result.stdout.match(/nscw_[\w-]+/gu)?.length, 1);
    });

    it("writes the token only to --token-file, mode 0600, and never prints it", async () => {
      const tokenFile = join(dir, "runner", "token.json");
      const result = await federation.nsc(
        "instances",
        "create",
        "--kind",
        "runner",
        "--label",
        "namespace-profile-linux;tailscale.spec=corp",
        "--token-file",
        tokenFile,
      );
      assert.equal(result.code, 0, result.stderr);
      assertNoSecrets(result.stdout, result.stderr);
      assert.match(
        result.stdout,
        /Tailscale spec: corp \(from the tailscale\.spec feature of runner profile "linux"\)/u,
      );
      assert.ok(result.stdout.includes(`Workload token written to ${tokenFile} (mode 0600)`));
      assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
      const file = JSON.parse(readFileSync(tokenFile, "utf8")) as Record<string, unknown>;
      assert.deepEqual(Object.keys(file), ["bearer_token", "endpoint"]);
      assert.match(String(file.bearer_token), /^nscw_/u);
      assert.equal(file.endpoint, federation.server.url);

      const json = await federation.nsc("instances", "create", "--token-file", tokenFile, "-o", "json");
      const created = JSON.parse(json.stdout) as Created;
      assert.equal(created.token_file, tokenFile);
      assert.equal(created.workload_token, undefined);
      assertNoSecrets(json.stdout);
      assert.notEqual(
        (JSON.parse(readFileSync(tokenFile, "utf8")) as Record<string, unknown>).bearer_token,
        file.bearer_token,
        "replaced",
      );
    });

    it("checks flags locally before registering", async () => {
      assertFailure(
        await federation.nsc("instances", "create", "--kind", "runner", "--label", "namespace-profile-;x"),
        "invalid_runner_label",
        "namespace-profile-;x",
      );
      assertFailure(await federation.nsc("instances", "create", "--kind", "vm"), "invalid_request", "--kind");
      assertFailure(
        await federation.nsc("instances", "create", "--kind", "devbox"),
        "invalid_request",
        "nsc devbox create --from FILE",
      );
      assertFailure(
        await federation.nsc("instances", "create", "--tailscale-spec", "nosuch"),
        "spec_not_found",
        '"nosuch"',
      );
      const notADir = join(dir, "plain-file");
      writeFileSync(notADir, "");
      const before = (await federation.nsc("instances", "list", "-o", "json")).stdout;
      assertFailure(
        await federation.nsc("instances", "create", "--token-file", join(notADir, "token.json")),
        "invalid_config",
        "cannot write the token file",
      );
      assert.equal(
        (await federation.nsc("instances", "list", "-o", "json")).stdout,
        before,
        "nothing registered",
      );
    });

    it("lists, describes and destroys instances; a destroyed instance's token stops working", async () => {
      const workload = await federation.register("--tailscale-spec", "corp");
      const list = await federation.nsc("instances", "list");
      assert.match(list.stdout, /^ID\s+KIND\s+STATUS\s+HOSTNAME\s+TAILSCALE SPEC\s+EXPIRES\n/u);
      assert.match(
        list.stdout,
        new RegExp(`${workload.instance.id}\\s+generic\\s+active\\s+\\S+\\s+corp`, "u"),
      );
      const described = await federation.nsc("instances", "describe", workload.instance.id);
      assert.match(
        described.stdout,
        new RegExp(
          `^ID: ${workload.instance.id}\nKind: generic\nStatus: active\nSubject: ${federation.workspaceId}/${workload.instance.id}\n`,
          "u",
        ),
      );
      const json = JSON.parse(
        (await federation.nsc("instances", "describe", workload.instance.id, "-o", "json")).stdout,
      ) as Created;
      assert.equal(json.instance.subject, workload.instance.subject);

      assert.equal((await workload.nsc("auth", "issue-id-token", "--audience", "sts.amazonaws.com")).code, 0);
      const destroyed = await federation.nsc("instances", "destroy", workload.instance.id);
      assert.equal(
        destroyed.stdout,
        `Destroyed instance ${workload.instance.id}; its workload token no longer works.\n`,
      );
      const after = await workload.nsc("auth", "issue-id-token", "--audience", "sts.amazonaws.com");
      assert.notEqual(after.code, 0);
      assert.match(after.stderr, /was not accepted/u);
      assert.match(
        (await federation.nsc("instances", "describe", workload.instance.id)).stdout,
        /\nStatus: destroyed\n/u,
      );
    });

    it("issues ID tokens in upstream's formats for the workload's subject", async () => {
      const workload = await federation.register("--tailscale-spec", "corp");
      const plain = await workload.nsc(
        "auth",
        "issue-id-token",
        "--audience",
        "sts.amazonaws.com",
        "--duration",
        "10m",
      );
      assert.equal(plain.code, 0, plain.stderr);
      // Upstream ends the plain output with an empty line.
      const match = /^ID token: (eyJ[\w-]+\.[\w-]+\.[\w-]+)\n\n$/u.exec(plain.stdout);
      assert.ok(match?.[1] !== undefined, plain.stdout);
      const claims = decodeClaims(match[1]);
      assert.equal(claims.sub, `${federation.workspaceId}/${workload.instance.id}`);
      assert.equal(claims.aud, "sts.amazonaws.com");
      assert.equal(claims.iss, federation.server.url);
      assert.equal(Number(claims.exp) - Number(claims.iat), 600);

      const json = await workload.nsc("auth", "issue-id-token", "--audience", "x", "-o", "json");
      const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(parsed), ["id_token"]);
      assert.equal(json.stdout, `${JSON.stringify(parsed, null, 2)}\n`);

      // The instance's metadata directory is the fallback when NSC_TOKEN_FILE is unset.
      const metadata = mkdtempSync(join(tmpdir(), "nsc-meta-"));
      writeFileSync(join(metadata, "token.json"), readFileSync(workload.tokenFile));
      const fromMetadata = await runNsc(["auth", "issue-id-token", "--audience", "x"], {
        env: {
          ...cliEnv(),
          NSC_METADATA_DIR: metadata,
        },
      });
      assert.equal(fromMetadata.code, 0, fromMetadata.stderr);

      assertFailure(
        await runNsc(["auth", "issue-id-token", "--audience", "x"], {
          env: {
            ...cliEnv(),
            NSC_TOKEN_FILE: join(dir, "missing.json"),
            NSC_METADATA_DIR: join(dir, "no-metadata"),
          },
        }),
        "workload_credential_missing",
        `NSC_TOKEN_FILE=${join(dir, "missing.json")} (no such file), ${join(dir, "no-metadata", "token.json")} (no such file)`,
      );
      assertFailure(
        await workload.nsc("auth", "issue-id-token", "--audience", "x", "--duration", "2h"),
        "invalid_duration",
        "3600",
      );
    });

    it("devbox create: validates locally with file, line and field, and says which spec applied and why", async () => {
      const write = (name: string, text: string): string => {
        const path = join(dir, name);
        writeFileSync(path, text);
        return path;
      };
      const bad = write("bad.yaml", "name: box\nimage: ubuntu:24.04\nsize: huge\n");
      assertFailure(
        await federation.nsc("devbox", "create", "--from", bad),
        "invalid_devbox_spec",
        `${bad}:3: size`,
      );

      const join_ = async (file: string, expected: RegExp, tags: readonly string[]): Promise<void> => {
        const workDir = mkdtempSync(join(tmpdir(), "nsc-devbox-"));
        const tokenFile = join(workDir, "token.json");
        const created = await federation.nsc("devbox", "create", "--from", file, "--token-file", tokenFile);
        assert.equal(created.code, 0, created.stderr);
        assert.match(created.stdout, expected);
        assertNoSecrets(created.stdout);
        const json = JSON.parse((await federation.nsc("instances", "list", "-o", "json")).stdout) as {
          instances: Created["instance"][];
        };
        const id = /as instance (in-[a-z2-7]{16})/u.exec(created.stdout)?.[1];
        const instance = json.instances.find((i) => i.id === id);
        assert.ok(instance !== undefined);
        const workload = inProcessWorkload(instance, workDir, tokenFile);
        const up = await workload.nsc("tailscale", "up", "-o", "json");
        assert.equal(up.code, 0, up.stderr);
        assert.deepEqual((JSON.parse(up.stdout) as { tags: string[] }).tags, tags);
        const device = federation.emulator.state.devices().find((d) => d.hostname === instance.hostname);
        assert.deepEqual(device?.tags, tags);
      };

      const withOther = write(
        "box-other.yaml",
        "name: box-other\nimage: ubuntu:24.04\nsize: m\nintegrations:\n  tailscale:\n    spec: other\n",
      );
      const plain = write("box-plain.toml", 'name_prefix = "plain"\nimage = "ubuntu:24.04"\nsize = "S"\n');
      await join_(
        withOther,
        /^Registered devbox box-other as instance in-\S+ \(hostname box-other, .*\n^Tailscale spec: other \(from the devbox file\)$/mu,
        ["tag:ci"],
      );

      const set = await federation.nsc("devbox", "defaults", "set", "--tailscale-spec", "corp");
      assert.equal(
        set.stdout,
        "Default Tailscale spec for new devboxes: corp (not locked: a devbox file's own spec wins)\n",
      );
      await join_(plain, /^Tailscale spec: corp \(workspace default\)$/mu, ["tag:namespace", "tag:ci"]);

      const locked = await federation.nsc("devbox", "defaults", "set", "--locked", "-o", "json");
      assert.deepEqual(JSON.parse(locked.stdout), { tailscale_spec: "corp", locked: true });
      const second = write(
        "box-locked.json",
        JSON.stringify({
          name: "box-locked",
          image: "ubuntu:24.04",
          size: "L",
          integrations: { tailscale: { spec: "other" } },
        }),
      );
      await join_(
        second,
        /^Tailscale spec: corp \(locked workspace default; overrides the file's "other"\)$/mu,
        ["tag:namespace", "tag:ci"],
      );
      assert.equal(
        (await federation.nsc("devbox", "defaults", "get")).stdout,
        "Default Tailscale spec for new devboxes: corp (locked: it overrides the spec a devbox file names)\n",
      );

      await federation.nsc("devbox", "defaults", "set", "--no-tailscale-spec", "--no-locked");
      assert.deepEqual(JSON.parse((await federation.nsc("devbox", "defaults", "get", "-o", "json")).stdout), {
        tailscale_spec: null,
        locked: false,
      });
      const none = await federation.nsc("devbox", "create", "--from", plain);
      assert.match(
        none.stdout,
        /^Tailscale spec: none \(the file names none and the workspace has no default/mu,
      );
      assertFailure(await federation.nsc("devbox", "defaults", "set"), "invalid_request", "nothing to set");
    });

    it("lets a launcher token register and destroy, but not change devbox defaults", async () => {
      const created = await federation.nsc(
        "tokens",
        "create",
        "--name",
        "launcher",
        "--role",
        "launcher",
        "-o",
        "json",
      );
      const { secret } = JSON.parse(created.stdout) as { secret: string };
      const env = { ...cliEnv(), NSC_ENDPOINT: federation.server.url, NSC_TOKEN: secret };
      const registered = await runNsc(["instances", "create", "--tailscale-spec", "corp", "-o", "json"], {
        env,
      });
      assert.equal(registered.code, 0, registered.stderr);
      const { instance } = JSON.parse(registered.stdout) as Created;
      assert.equal((await runNsc(["instances", "destroy", instance.id], { env })).code, 0);
      assertFailure(await runNsc(["devbox", "defaults", "set", "--locked"], { env }), "forbidden", "admin");
    });
  });
}

describe("nsc --help for workload commands", () => {
  const commands = [
    ["instances", "create"],
    ["instances", "list"],
    ["instances", "describe"],
    ["instances", "destroy"],
    ["devbox", "create"],
    ["devbox", "defaults", "get"],
    ["devbox", "defaults", "set"],
    ["auth", "issue-id-token"],
    ["tailscale", "up"],
    ["runner", "hook", "job-started"],
    ["runner", "hook", "job-completed"],
  ];
  for (const command of commands) {
    it(`works for nsc ${command.join(" ")}`, async () => {
      const result = await runNsc([...command, "--help"], { env: cliEnv() });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Usage: nsc/u);
    });
  }
});
