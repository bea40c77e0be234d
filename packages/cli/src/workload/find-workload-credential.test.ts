import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { findWorkloadCredential, type ReadTextFile } from "./find-workload-credential.js";

const fileOf = (token: string, endpoint?: string): string =>
  JSON.stringify({ bearer_token: token, ...(endpoint === undefined ? {} : { endpoint }) });

function files(entries: Record<string, string>): { read: ReadTextFile; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: (path) => {
      reads.push(path);
      return entries[path];
    },
  };
}

const BASE_ENV = { NSC_CONFIG_DIR: "/nonexistent/nsc-config", NSC_METADATA_DIR: "/meta" };

describe("findWorkloadCredential", () => {
  it("prefers NSC_TOKEN_FILE over the metadata directory", () => {
    const { read, reads } = files({
      "/custom/token.json": fileOf("nscw_fromenv", "http://a"),
      "/meta/token.json": fileOf("nscw_frommeta", "http://b"),
    });
    const found = findWorkloadCredential({ ...BASE_ENV, NSC_TOKEN_FILE: "/custom/token.json" }, read);
    assert.deepEqual(found, {
      token: "nscw_fromenv",
      source: "/custom/token.json",
      endpoint: "http://a",
      endpointSource: "the token file",
    });
    assert.deepEqual(reads, ["/custom/token.json"]);
  });

  it("falls back to <metadata dir>/token.json when NSC_TOKEN_FILE is unset or missing", () => {
    const { read, reads } = files({ "/meta/token.json": fileOf("nscw_frommeta", "http://b") });
    assert.equal(findWorkloadCredential(BASE_ENV, read).token, "nscw_frommeta");
    assert.equal(
      findWorkloadCredential({ ...BASE_ENV, NSC_TOKEN_FILE: "/gone.json" }, read).source,
      "/meta/token.json",
    );
    assert.deepEqual(reads, ["/meta/token.json", "/gone.json", "/meta/token.json"]);
  });

  it("uses /var/run/nsc without NSC_METADATA_DIR", () => {
    const { read, reads } = files({});
    assert.throws(() => findWorkloadCredential({ NSC_CONFIG_DIR: "/nonexistent" }, read));
    assert.deepEqual(reads, ["/var/run/nsc/token.json"]);
  });

  // nsc-conventions.md: "(JSON `{"bearer_token":"nscw_…"}`; a legacy `tenant_token` key is also read)"
  it("reads the legacy tenant_token key, and prefers bearer_token when both are there", () => {
    const legacy = files({
      "/meta/token.json": JSON.stringify({ tenant_token: "nscw_legacy", endpoint: "http://l" }),
    });
    assert.equal(findWorkloadCredential(BASE_ENV, legacy.read).token, "nscw_legacy");
    const both = files({
      "/meta/token.json": JSON.stringify({
        bearer_token: "nscw_new",
        tenant_token: "nscw_old",
        endpoint: "http://l",
      }),
    });
    assert.equal(findWorkloadCredential(BASE_ENV, both.read).token, "nscw_new");
  });

  it("takes the endpoint from NSC_ENDPOINT first, then the token file", () => {
    const { read } = files({ "/meta/token.json": fileOf("nscw_x", "http://file") });
    const found = findWorkloadCredential({ ...BASE_ENV, NSC_ENDPOINT: "http://env" }, read);
    assert.equal(found.endpoint, "http://env");
    assert.equal(found.endpointSource, "NSC_ENDPOINT");
  });

  it("says where it looked and what to do when nothing is found", () => {
    const { read } = files({});
    assert.throws(
      () => findWorkloadCredential({ ...BASE_ENV, NSC_TOKEN_FILE: "/gone.json" }, read),
      (error: unknown) =>
        error instanceof NscError &&
        error.code === "workload_credential_missing" &&
        error.message.includes("NSC_TOKEN_FILE=/gone.json (no such file)") &&
        error.message.includes("/meta/token.json (no such file)") &&
        error.message.includes("nsc instances create --token-file"),
    );
    assert.throws(
      () => findWorkloadCredential(BASE_ENV, read),
      (error: unknown) => error instanceof NscError && error.message.includes("NSC_TOKEN_FILE (not set)"),
    );
  });

  it("rejects a malformed token file without echoing its content", () => {
    const { read } = files({ "/meta/token.json": '{"bearer_token":"nsct_secretsecret"}' });
    assert.throws(
      () => findWorkloadCredential(BASE_ENV, read),
      (error: unknown) =>
        error instanceof NscError &&
        error.code === "invalid_config" &&
        !error.message.includes("secretsecret"),
    );
  });

  it("asks for an endpoint when none is known", () => {
    const { read } = files({ "/meta/token.json": fileOf("nscw_x") });
    assert.throws(
      () => findWorkloadCredential(BASE_ENV, read),
      (error: unknown) => error instanceof NscError && error.message.includes("set NSC_ENDPOINT"),
    );
  });
});
