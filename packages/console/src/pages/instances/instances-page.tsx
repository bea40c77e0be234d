import { useCallback, useState } from "react";
import { ApiError } from "../../api/api-error.js";
import { destroyInstance, listInstances, type Instance } from "../../api/instances-api.js";
import { canWrite, type Session } from "../../session/session.js";
import { ConfirmDialog } from "../../confirm/confirm-dialog.js";
import { ErrorNotice } from "../../errors/error-notice.js";
import { ReadOnlyNotice } from "../../session/read-only-notice.js";
import { useLoad } from "../../loading/use-load.js";
import { InstanceTable } from "./instance-table.js";

/** Runners, devboxes and generic workloads registered in the workspace; admins destroy them. */
export function InstancesPage(props: { readonly session: Session }) {
  const { token, workspace } = props.session;
  const writable = canWrite(props.session);
  const load = useCallback(() => listInstances(token), [token]);
  const { state, reload } = useLoad(load);
  const [destroying, setDestroying] = useState<Instance | undefined>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [status, setStatus] = useState("");

  const destroy = (instance: Instance): void => {
    setBusy(true);
    setActionError(undefined);
    setStatus("");
    destroyInstance(token, instance.id)
      .then(async () => {
        setStatus(`Destroyed instance ${instance.id}.`);
        await reload();
      })
      .catch((error: unknown) => {
        setActionError(error);
      })
      .finally(() => {
        setBusy(false);
        setDestroying(undefined);
      });
  };

  return (
    <>
      <h1>Instances</h1>
      <p className="muted">
        Each instance has its own workload credential; destroying one revokes it at once.
      </p>
      {writable ? null : <ReadOnlyNotice role={workspace.role} />}
      {actionError === undefined ? null : (
        <ErrorNotice error={actionError} title="The instance was not destroyed." />
      )}
      <p className="status-line" role="status">
        {status}
      </p>
      {state.status === "error" ? (
        <ErrorNotice
          error={state.error}
          title={
            state.error instanceof ApiError && state.error.isMissingRoute
              ? "This nsc-server does not list instances yet."
              : "Could not load the instances."
          }
          onRetry={() => void reload()}
        />
      ) : (
        <div className="table-frame">
          <InstanceTable
            instances={state.status === "ready" ? state.data : undefined}
            readOnly={!writable}
            onDestroy={setDestroying}
          />
        </div>
      )}
      {destroying === undefined ? null : (
        <ConfirmDialog
          question={`Destroy instance "${destroying.id}"?`}
          detail="Its workload credential stops working immediately; a running workload loses access to nsc."
          confirmLabel="Destroy"
          busy={busy}
          onConfirm={() => {
            destroy(destroying);
          }}
          onCancel={() => {
            setDestroying(undefined);
          }}
        />
      )}
    </>
  );
}
