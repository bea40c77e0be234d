import { closeSync, existsSync, linkSync, openSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { NscError } from "@nsc/core";

/**
 * `nsc-server backup --out FILE`: a consistent copy of a live SQLite database, taken with SQLite's
 * online backup while the server keeps serving. The copy is written beside the target under a temporary
 * name and linked into place only when complete, so a failed backup leaves nothing under the target
 * name, and an existing target is never overwritten. PostgreSQL is backed up with its own tools.
 */
export async function backupCommand(databaseUrl: string, out: string): Promise<string> {
  if (databaseUrl.startsWith("postgres://") || databaseUrl.startsWith("postgresql://")) {
    throw new NscError(
      "invalid_config",
      "nsc-server backup copies SQLite databases; back up PostgreSQL with pg_dump (see docs/operations.md)",
    );
  }
  const source = databaseUrl.startsWith("sqlite:") ? databaseUrl.slice("sqlite:".length) : databaseUrl;
  const target = resolve(out);
  if (!existsSync(source)) {
    throw new NscError(
      "invalid_config",
      `no database at ${source}: pass the --data-dir or --database-url the server runs with`,
    );
  }
  if (existsSync(target)) {
    throw new NscError("invalid_config", `backup target ${target} already exists: choose a new file name`);
  }
  const partial = join(dirname(target), `.${basename(target)}.partial-${String(process.pid)}`);
  try {
    closeSync(openSync(partial, "wx", 0o600));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "not writable";
    throw new NscError(
      "invalid_config",
      `cannot write the backup in ${dirname(target)} (${reason}): choose a directory nsc-server may write to`,
    );
  }
  let database: SqliteDatabase.Database;
  try {
    database = new SqliteDatabase(source, { fileMustExist: true });
  } catch (error) {
    rmSync(partial, { force: true });
    throw new NscError(
      "invalid_config",
      `cannot open the database at ${source} (${error instanceof Error ? error.message : "unknown"}): pass the --data-dir or --database-url the server runs with`,
    );
  }
  try {
    await database.backup(partial);
    // The copy is one self-contained file: no -wal or -shm beside it.
    const copy = new SqliteDatabase(partial, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    // link() refuses an existing name: a target created meanwhile is never overwritten.
    linkSync(partial, target);
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new NscError("invalid_config", `backup target ${target} already exists: choose a new file name`);
    }
    throw new NscError(
      "internal",
      `backup failed (${error instanceof Error ? error.message : "unknown"}); nothing was written to ${target}`,
    );
  } finally {
    database.close();
    rmSync(partial, { force: true });
  }
  return target;
}
