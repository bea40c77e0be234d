import * as z from "zod/mini";
import { errorBodySchema } from "@nsc/core";
import { API_OPERATIONS, type ApiOperation } from "./api-operations.js";

type JsonObject = Record<string, unknown>;

const COMPONENT_PREFIX = "#/components/schemas/";

/**
 * A core schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect). Named schemas (those with a `meta` id)
 * become `$ref`s to the document's components, which hold the same renderings.
 */
function jsonSchemaOf(schema: z.ZodMiniType, io: "input" | "output"): JsonObject {
  const rendered = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonObject;
  const rest = strip(rendered);
  delete rest.$defs;
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${COMPONENT_PREFIX}`)) as JsonObject;
}

/** Drops `$schema` and `$id`, which OpenAPI places on the document, not on each schema. */
function strip(schema: JsonObject): JsonObject {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

function components(): JsonObject {
  const all = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    io: "output",
    unrepresentable: "any",
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
  }) as { schemas: Record<string, JsonObject> };
  return Object.fromEntries(Object.entries(all.schemas).map(([name, schema]) => [name, strip(schema)]));
}

function pathParameters(path: string): JsonObject[] {
  return [...path.matchAll(/\{([a-z_]+)\}/gu)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

function operationOf(op: ApiOperation): JsonObject {
  const responses: JsonObject = {};
  for (const [code, body] of Object.entries(op.responses)) {
    if (code === "304") {
      responses[code] = { description: "Not modified (the If-None-Match ETag matches)" };
    } else if (body === "text") {
      responses[code] = { description: "OK", content: { "text/plain": { schema: { type: "string" } } } };
    } else if (body === "json") {
      responses[code] = {
        description: "OK",
        content: { "application/json": { schema: { type: "object" } } },
      };
    } else {
      responses[code] = {
        description: code === "201" ? "Created" : "OK",
        content: { [op.mediaType ?? "application/json"]: { schema: jsonSchemaOf(body, "output") } },
      };
    }
  }
  const error = { $ref: `${COMPONENT_PREFIX}ErrorBody` };
  responses["4XX"] = {
    description: "Refused: see error.code",
    content: { "application/json": { schema: error } },
  };
  responses["5XX"] = {
    description: "Server or database trouble",
    content: { "application/json": { schema: error } },
  };
  const parameters = [
    ...pathParameters(op.path),
    ...(op.query ?? []).map((q) => ({
      name: q.name,
      in: "query",
      required: q.required === true,
      description: q.description,
      schema: { type: "string" },
    })),
  ];
  const roles = op.roles === undefined ? "" : ` Roles: ${op.roles.join(", ")}.`;
  return {
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/gu, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: op.summary,
    ...(op.caller === "public" ? { security: [] } : { security: [{ [op.caller]: [] }] }),
    ...(roles === "" ? {} : { description: roles.trim() }),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(op.request === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchemaOf(op.request, "input") } },
          },
        }),
    responses,
  };
}

/**
 * The OpenAPI 3.1 description of the HTTP API, generated from core's zod schemas (zod's own JSON Schema
 * output) and the operation table — never written by hand.
 */
export function buildOpenApiDocument(version: string): JsonObject {
  // The error body is registered (and so rendered among the components) by importing it.
  if (!z.globalRegistry.has(errorBodySchema)) throw new Error("ErrorBody is not registered");
  const paths: Record<string, JsonObject> = {};
  for (const op of API_OPERATIONS) {
    paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operationOf(op) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "nsc API",
      version,
      description:
        "Workload identity federation for Tailscale: integration specs, instances, API tokens, the audit log and the OIDC issuer.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        api_token: { type: "http", scheme: "bearer", description: "An API token (nsct_…)" },
        workload_token: {
          type: "http",
          scheme: "bearer",
          description: "An instance's workload token (nscw_…)",
        },
      },
    },
  };
}
