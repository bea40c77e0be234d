import type { CompiledQuery } from "kysely";
import type { Executor } from "./executor.js";

/**
 * A query Kysely builds and compiles once per database (or transaction), then runs with fresh parameters:
 * for the queries of the hottest paths, where building and compiling the same SQL on every request costs
 * more than running it. `build` compiles the query with placeholder values in the order the parameters
 * will be given; only placeholders differ between the databases' SQL, so one definition serves both.
 */
export function precompiled<Row>(
  build: (db: Executor) => CompiledQuery<Row>,
): (db: Executor, parameters: readonly unknown[]) => Promise<readonly Row[]> {
  const compiled = new WeakMap<Executor, CompiledQuery<Row>>();
  return async (db, parameters) => {
    let query = compiled.get(db);
    if (query === undefined) {
      query = build(db);
      if (query.parameters.length !== parameters.length) {
        throw new Error(
          `a precompiled query takes ${query.parameters.length} parameters, not ${parameters.length}`,
        );
      }
      compiled.set(db, query);
    }
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
