import { useCallback, useRef, useState } from "react";
import type { TrustRelationshipName, TrustRelationshipSpec } from "@nsc/core/browser";
import { getIntegrations } from "../../../api/integrations-api.js";
import {
  createTrustRelationship,
  listTrustRelationships,
  removeTrustRelationship,
  replaceTrustRelationship,
} from "../../../api/trust-relationships-api.js";
import { ConfirmDialog } from "../../../confirm/confirm-dialog.js";
import { ErrorNotice } from "../../../errors/error-notice.js";
import { useLoad } from "../../../loading/use-load.js";
import { ReadOnlyNotice, READ_ONLY_REASON_ID } from "../../../session/read-only-notice.js";
import { canWrite, type Session } from "../../../session/session.js";
import { EMPTY_TRUST_FORM, trustFormValues } from "./trust-form-values.js";
import { TrustRelationshipForm } from "./trust-relationship-form.js";
import { TrustRelationshipTable } from "./trust-relationship-table.js";

type FormState =
  { readonly mode: "closed" } | { readonly mode: "new" } | { readonly mode: "edit"; readonly name: string };

/**
 * The workspace's trust relationships: which external OIDC issuers' tokens (Kubernetes service accounts,
 * GitHub Actions jobs) may be exchanged for an nsc instance, and what the instance gets. Admins add, edit
 * and remove them; members see them read-only.
 */
export function TrustRelationshipsPanel(props: { readonly session: Session }) {
  const { token, workspace } = props.session;
  const writable = canWrite(props.session);
  const load = useCallback(async () => {
    const [relationships, integrations] = await Promise.all([
      listTrustRelationships(token),
      getIntegrations(token),
    ]);
    return { relationships, specNames: Object.keys(integrations.tailscale).sort() };
  }, [token]);
  const { state, reload } = useLoad(load);
  const [form, setForm] = useState<FormState>({ mode: "closed" });
  const [removing, setRemoving] = useState<string | undefined>();
  const [busyName, setBusyName] = useState<string | undefined>();
  const [writeError, setWriteError] = useState<unknown>();
  const [status, setStatus] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);
  const data = state.status === "ready" ? state.data : undefined;

  /** Runs one write, then shows the list as the server now has it. */
  const write = async (name: string, action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusyName(name);
    setWriteError(undefined);
    setStatus("");
    try {
      await action();
      setStatus(done);
      await reload();
      return true;
    } catch (error) {
      setWriteError(error);
      return false;
    } finally {
      setBusyName(undefined);
    }
  };

  const save = async (name: TrustRelationshipName, spec: TrustRelationshipSpec): Promise<boolean> => {
    const editing = form.mode === "edit";
    const saved = await write(
      name,
      () =>
        editing ? replaceTrustRelationship(token, name, spec) : createTrustRelationship(token, name, spec),
      `${editing ? "Saved" : "Added"} trust relationship "${name}".`,
    );
    if (saved) {
      setForm({ mode: "closed" });
      addButton.current?.focus();
    }
    return saved;
  };

  const editing = form.mode === "edit" ? data?.relationships.find((r) => r.name === form.name) : undefined;
  const closeForm = (): void => {
    setForm({ mode: "closed" });
    setWriteError(undefined);
    addButton.current?.focus();
  };

  return (
    <section className="panel" aria-labelledby="trust-title">
      <div className="page-title">
        <h2 id="trust-title">Trust relationships</h2>
        <button
          type="button"
          className="primary"
          ref={addButton}
          disabled={!writable || data === undefined || form.mode !== "closed"}
          aria-describedby={writable ? undefined : READ_ONLY_REASON_ID}
          onClick={() => {
            setStatus("");
            setForm({ mode: "new" });
          }}
        >
          Add trust relationship
        </button>
      </div>
      <p className="muted">
        A workload that already has an identity from its platform — a Kubernetes service account token, a
        GitHub Actions OIDC token — exchanges it for an nsc instance and workload token, so no launcher holds
        a long-lived secret. Each relationship names the issuer it trusts, what its tokens must say, and what
        a match grants.
      </p>
      {writable ? null : <ReadOnlyNotice role={workspace.role} />}
      {writeError === undefined ? null : (
        <ErrorNotice error={writeError} title="The trust relationship was not saved." />
      )}
      <p className="status-line" role="status">
        {status}
      </p>
      {form.mode === "new" && data !== undefined ? (
        <TrustRelationshipForm
          initial={EMPTY_TRUST_FORM}
          editing={false}
          specNames={data.specNames}
          onSave={save}
          onCancel={closeForm}
        />
      ) : null}
      {form.mode === "edit" && editing !== undefined && data !== undefined ? (
        <TrustRelationshipForm
          key={form.name}
          initial={trustFormValues(editing)}
          editing
          specNames={data.specNames}
          onSave={save}
          onCancel={closeForm}
        />
      ) : null}
      {state.status === "error" ? (
        <ErrorNotice
          error={state.error}
          title="Could not load the trust relationships."
          onRetry={() => void reload()}
        />
      ) : (
        <div className="table-frame">
          <TrustRelationshipTable
            relationships={data?.relationships}
            readOnly={!writable}
            busyName={busyName}
            onEdit={(name) => {
              setStatus("");
              setWriteError(undefined);
              setForm({ mode: "edit", name });
            }}
            onRemove={setRemoving}
          />
        </div>
      )}
      {removing === undefined ? null : (
        <ConfirmDialog
          question={`Remove trust relationship "${removing}"?`}
          detail="Workloads can no longer exchange this issuer's tokens through it. Instances it already made keep their lifetime."
          confirmLabel="Remove"
          busy={busyName === removing}
          onConfirm={() => {
            const name = removing;
            void write(
              name,
              () => removeTrustRelationship(token, name),
              `Removed trust relationship "${name}".`,
            ).then(() => {
              setRemoving(undefined);
            });
          }}
          onCancel={() => {
            setRemoving(undefined);
          }}
        />
      )}
    </section>
  );
}
