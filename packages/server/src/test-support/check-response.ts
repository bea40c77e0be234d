import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { buildOpenApiDocument } from "../openapi/openapi-document.js";

type JsonObject = Record<string, unknown>;
interface OpenApiResponse {
  readonly content?: Readonly<Record<string, { readonly schema: JsonObject }>>;
}
interface OpenApiOperation {
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
}

const document = buildOpenApiDocument("test") as {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: JsonObject;
};
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const compiled = new Map<string, ValidateFunction>();

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[a-z_]+\}/gu, "[^/]+")}$`, "u"),
}));

/** Paths the API owns; any other GET is the web console, which the document does not describe. */
const API_PREFIXES = [
  "/v1/",
  "/.well-known/",
  "/metrics",
  "/openapi.json",
  "/healthz",
  "/readyz",
  "/version",
];

function validatorFor(key: string, schema: JsonObject): ValidateFunction {
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = ajv.compile({ ...schema, components: document.components });
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * Checks one response the app gave against `GET /openapi.json`: its status must be documented for the
 * operation, and a JSON body must match the documented schema. Throws, failing the test, on any drift.
 */
export function checkResponse(
  method: string,
  path: string,
  response: { readonly status: number; readonly headers: Headers },
  body: string,
): void {
  if (!API_PREFIXES.some((p) => path === p.replace(/\/$/u, "") || path.startsWith(p))) return;
  const found = templates.find((t) => t.pattern.test(path));
  const operation = found === undefined ? undefined : document.paths[found.template]?.[method.toLowerCase()];
  const status = String(response.status);
  const where = `${method} ${path} → ${status}`;
  let documented: OpenApiResponse | undefined;
  if (operation === undefined) {
    if (response.status !== 404 && response.status !== 405) {
      throw new Error(`${where}: not in the OpenAPI document, and not a 404`);
    }
    documented = document.paths["/v1/workspace"]?.get?.responses["4XX"];
  } else {
    documented = operation.responses[status] ?? operation.responses[`${status[0] ?? ""}XX`];
  }
  if (documented === undefined) throw new Error(`${where}: status not documented in the OpenAPI document`);
  const content = documented.content ?? {};
  if (Object.keys(content).length === 0) return;
  const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const media = content[type];
  if (media === undefined) {
    throw new Error(`${where}: Content-Type ${type}, documented ${Object.keys(content).join(", ")}`);
  }
  if (type === "text/plain") return;
  const schema = media.schema;
  const json = JSON.parse(body) as unknown;
  const validate = validatorFor(`${method} ${found?.template ?? "unmatched"} ${status}`, schema);
  if (!validate(json)) {
    throw new Error(
      `${where}: body does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${body}`,
    );
  }
}

/**
 * Makes every response of `app` pass {@link checkResponse} before the caller sees it: the hook that checks
 * every response the API tests see against the OpenAPI document.
 */
export function checkEveryResponse(app: {
  fetch: (request: Request, env?: unknown, ctx?: never) => Response | Promise<Response>;
}): void {
  const fetch = app.fetch;
  app.fetch = async (request, env, ctx) => {
    const response = await fetch(request, env, ctx);
    const bytes = new Uint8Array(await response.arrayBuffer());
    checkResponse(request.method, new URL(request.url).pathname, response, new TextDecoder().decode(bytes));
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
