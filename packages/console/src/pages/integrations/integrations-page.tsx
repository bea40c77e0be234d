import { useCallback, useRef, useState } from "react";
import type { IntegrationsDocument, TailscaleSpec } from "@nsc/core/browser";
import { ApiError } from "../../api/api-error.js";
import { getIntegrations, putTailscaleSpec, removeTailscaleSpec } from "../../api/integrations-api.js";
import { canWrite, type Session } from "../../session/session.js";
import { ConfirmDialog } from "../../confirm/confirm-dialog.js";
import { ErrorNotice } from "../../errors/error-notice.js";
import { ReadOnlyNotice, READ_ONLY_REASON_ID } from "../../session/read-only-notice.js";
import { useLoad } from "../../loading/use-load.js";
import { SpecForm } from "./spec-form.js";
import { EMPTY_SPEC_FORM, specFormValues } from "./spec-form-values.js";
import { SpecTable } from "./spec-table.js";

type FormState =
  { readonly mode: "closed" } | { readonly mode: "new" } | { readonly mode: "edit"; readonly name: string };

const CONFLICT_TEXT =
  "Someone else changed the Tailscale specs after this page loaded, so your change was not saved. The current specs are shown below: check them and make your change again.";

/**
 * The workspace's Tailscale specs: list, create, edit, remove and switch Magic DNS. Every write names the
 * `metadata_version` this page read; a conflict reloads the specs and says so instead of overwriting.
 */
export function IntegrationsPage(props: { readonly session: Session }) {
  const { token, workspace } = props.session;
  const writable = canWrite(props.session);
  const load = useCallback(() => getIntegrations(token), [token]);
  const { state, reload, replace } = useLoad(load);
  const [form, setForm] = useState<FormState>({ mode: "closed" });
  const [removing, setRemoving] = useState<string | undefined>();
  /** Why the server refused to remove the spec being removed (it is in use), if it did. */
  const [inUse, setInUse] = useState<string | undefined>();
  const [busyNames, setBusyNames] = useState<ReadonlySet<string>>(new Set());
  const [writeError, setWriteError] = useState<unknown>();
  const [conflict, setConflict] = useState(false);
  const [status, setStatus] = useState("");
  const newButton = useRef<HTMLButtonElement>(null);
  const document: IntegrationsDocument | undefined = state.status === "ready" ? state.data : undefined;

  /** Runs one write; on a version conflict reloads and reports instead of retrying. */
  const write = async (
    name: string,
    action: (version: string) => Promise<IntegrationsDocument>,
    done: string,
  ) => {
    if (document === undefined) return false;
    setBusyNames((s) => new Set([...s, name]));
    setWriteError(undefined);
    setConflict(false);
    setStatus("");
    try {
      replace(await action(document.metadata_version));
      setStatus(done);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === "version_conflict") {
        setConflict(true);
        await reload();
      } else {
        setWriteError(error);
      }
      return false;
    } finally {
      setBusyNames((s) => new Set([...s].filter((n) => n !== name)));
    }
  };

  const save = async (name: string, spec: TailscaleSpec): Promise<boolean> => {
    const saved = await write(
      name,
      (v) => putTailscaleSpec(token, name, v, spec),
      `Saved Tailscale spec "${name}".`,
    );
    if (saved) {
      setForm({ mode: "closed" });
      newButton.current?.focus();
    }
    return saved;
  };

  const toggleMagicDns = (name: string): void => {
    const spec = document?.tailscale[name];
    if (spec === undefined) return;
    const next = { ...spec, enable_magic_dns: !spec.enable_magic_dns };
    void write(
      name,
      (v) => putTailscaleSpec(token, name, v, next),
      `Magic DNS ${next.enable_magic_dns ? "enabled" : "disabled"} for "${name}".`,
    );
  };

  const remove = (name: string, force: boolean): void => {
    const action = async (v: string): Promise<IntegrationsDocument> => {
      try {
        return await removeTailscaleSpec(token, name, v, force);
      } catch (error) {
        if (error instanceof ApiError && error.code === "spec_in_use") setInUse(error.message);
        throw error;
      }
    };
    void write(name, action, `Removed Tailscale spec "${name}".`).then((removed) => {
      if (removed || !force) setRemoving(undefined);
      if (removed) setInUse(undefined);
    });
  };

  const editing = form.mode === "edit" ? document?.tailscale[form.name] : undefined;

  return (
    <>
      <div className="page-title">
        <h1>Integrations</h1>
        <button
          type="button"
          className="primary"
          ref={newButton}
          disabled={!writable || document === undefined || form.mode !== "closed"}
          aria-describedby={writable ? undefined : READ_ONLY_REASON_ID}
          onClick={() => {
            setForm({ mode: "new" });
          }}
        >
          New spec
        </button>
      </div>
      <p className="muted">
        A Tailscale spec names the trust credential (its OAuth client ID) and the tags a workload joins the
        tailnet with. Runner labels, devbox files and instances refer to specs by name.
      </p>
      {writable ? null : <ReadOnlyNotice role={workspace.role} />}
      {conflict ? (
        <div className="notice notice-warning" role="alert">
          {CONFLICT_TEXT}
        </div>
      ) : null}
      {writeError === undefined ? null : <ErrorNotice error={writeError} title="The change was not saved." />}
      <p className="status-line" role="status">
        {status}
      </p>
      {form.mode === "new" && document !== undefined ? (
        <SpecForm
          initial={EMPTY_SPEC_FORM}
          editing={false}
          takenNames={Object.keys(document.tailscale)}
          onSave={save}
          onCancel={() => {
            setForm({ mode: "closed" });
            newButton.current?.focus();
          }}
        />
      ) : null}
      {form.mode === "edit" && editing !== undefined ? (
        <SpecForm
          key={form.name}
          initial={specFormValues(form.name, editing)}
          editing
          takenNames={[]}
          onSave={save}
          onCancel={() => {
            setForm({ mode: "closed" });
          }}
        />
      ) : null}
      {state.status === "error" ? (
        <ErrorNotice
          error={state.error}
          title="Could not load the Tailscale specs."
          onRetry={() => void reload()}
        />
      ) : (
        <div className="table-frame">
          <SpecTable
            document={document}
            readOnly={!writable}
            busyNames={busyNames}
            onToggleMagicDns={toggleMagicDns}
            onEdit={(name) => {
              setForm({ mode: "edit", name });
            }}
            onRemove={setRemoving}
          />
        </div>
      )}
      {removing === undefined ? null : (
        <ConfirmDialog
          question={`Remove Tailscale spec "${removing}"?`}
          detail={
            inUse ?? "Workloads that name this spec will fail to join the tailnet until it is created again."
          }
          confirmLabel={inUse === undefined ? "Remove" : "Remove anyway"}
          busy={busyNames.has(removing)}
          onConfirm={() => {
            remove(removing, inUse !== undefined);
          }}
          onCancel={() => {
            setRemoving(undefined);
            setInUse(undefined);
          }}
        />
      )}
    </>
  );
}
