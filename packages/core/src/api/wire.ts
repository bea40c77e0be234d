import * as z from "zod/mini";

/** Read-only all the way down: a value that came off (or goes onto) the wire is not edited in place. */
export type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * The type a wire schema describes: what a route builds its answer as and what a client gets back from
 * parsing one. Deriving the type from the schema is what keeps the two from drifting.
 */
export type Wire<S extends z.ZodMiniType> = DeepReadonly<z.output<S>>;

/** A timestamp as the API writes it: ISO 8601 with an offset. */
export const time = z.iso.datetime({ offset: true });

/** Registers `schema` under `id`, the name it has in `GET /openapi.json`'s components. */
export function named<S extends z.ZodMiniType>(schema: S, id: string): S {
  z.globalRegistry.add(schema, { id });
  return schema;
}
