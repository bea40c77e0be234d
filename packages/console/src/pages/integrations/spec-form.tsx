import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import type { TailscaleSpec } from "@nsc/core/browser";
import { FieldError } from "../../forms/field-error.js";
import type { SpecFormValues } from "./spec-form-values.js";
import { validateSpecForm } from "./validate-spec-form.js";

type Field = "name" | "clientId" | "tags" | "loginServer" | "audience";

/**
 * Creates or edits one Tailscale spec. Every field is checked as it is typed with the server's own rules;
 * Save sends nothing until all of them pass.
 */
export function SpecForm(props: {
  readonly initial: SpecFormValues;
  /** Set when editing: the name cannot change (a new name is a new spec). */
  readonly editing: boolean;
  readonly takenNames: readonly string[];
  readonly onSave: (name: string, spec: TailscaleSpec) => Promise<boolean>;
  readonly onCancel: () => void;
}) {
  const [values, setValues] = useState(props.initial);
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);
  const clientIdRef = useRef<HTMLInputElement>(null);
  const ids = {
    name: useId(),
    clientId: useId(),
    tags: useId(),
    loginServer: useId(),
    audience: useId(),
    tagsHint: useId(),
  };
  const titleId = useId();

  useEffect(() => {
    (props.editing ? clientIdRef.current : firstRef.current)?.focus();
  }, [props.editing]);

  const check = validateSpecForm(values, props.editing ? [] : props.takenNames);
  const shown = (field: Field): boolean => submitted || touched.has(field);
  const update = (field: Field, patch: Partial<SpecFormValues>): void => {
    setValues((v) => ({ ...v, ...patch }));
    setTouched((t) => new Set([...t, field]));
  };

  const submit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setSubmitted(true);
    if (check.spec === undefined) {
      const form = event.currentTarget;
      form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
      return;
    }
    setBusy(true);
    void props.onSave(values.name, check.spec).then((saved) => {
      if (!saved) setBusy(false);
    });
  };

  const nameError = shown("name") ? check.errors.name : undefined;
  const clientIdError = shown("clientId") ? check.errors.clientId : undefined;
  const tagErrors = shown("tags") ? check.errors.tags : undefined;
  const loginServerError = shown("loginServer") ? check.errors.loginServer : undefined;
  const audienceError = shown("audience") ? check.errors.audience : undefined;

  return (
    <form className="panel spec-form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h2 id={titleId}>
        {props.editing ? `Edit Tailscale spec "${props.initial.name}"` : "New Tailscale spec"}
      </h2>
      <div className="field">
        <label htmlFor={ids.name}>Name</label>
        <input
          id={ids.name}
          ref={firstRef}
          value={values.name}
          readOnly={props.editing}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={nameError !== undefined}
          aria-describedby={`${ids.name}-error`}
          onChange={(e) => {
            update("name", { name: e.target.value });
          }}
        />
        <FieldError id={`${ids.name}-error`} messages={nameError === undefined ? [] : [nameError]} />
      </div>
      <div className="field">
        <label htmlFor={ids.clientId}>OAuth client ID</label>
        <input
          id={ids.clientId}
          ref={clientIdRef}
          value={values.clientId}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={clientIdError !== undefined}
          aria-describedby={`${ids.clientId}-error`}
          onChange={(e) => {
            update("clientId", { clientId: e.target.value });
          }}
        />
        <FieldError
          id={`${ids.clientId}-error`}
          messages={clientIdError === undefined ? [] : [clientIdError]}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.tags}>Tags</label>
        <input
          id={ids.tags}
          value={values.tags}
          autoComplete="off"
          spellCheck={false}
          placeholder="tag:ci, tag:namespace"
          aria-invalid={tagErrors !== undefined}
          aria-describedby={`${ids.tagsHint} ${ids.tags}-error`}
          onChange={(e) => {
            update("tags", { tags: e.target.value });
          }}
        />
        <p className="hint" id={ids.tagsHint}>
          Comma-separated. The trust credential in Tailscale must allow every one of them.
        </p>
        <FieldError id={`${ids.tags}-error`} messages={tagErrors ?? []} />
      </div>
      <div className="field checkbox">
        <input
          id={`${ids.name}-magic-dns`}
          type="checkbox"
          checked={values.magicDns}
          onChange={(e) => {
            setValues((v) => ({ ...v, magicDns: e.target.checked }));
          }}
        />
        <label htmlFor={`${ids.name}-magic-dns`}>Magic DNS</label>
      </div>
      <div className="field">
        <label htmlFor={ids.loginServer}>Login server (optional)</label>
        <input
          id={ids.loginServer}
          type="url"
          value={values.loginServer}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://controlplane.tailscale.com"
          aria-invalid={loginServerError !== undefined}
          aria-describedby={`${ids.loginServer}-error`}
          onChange={(e) => {
            update("loginServer", { loginServer: e.target.value });
          }}
        />
        <FieldError
          id={`${ids.loginServer}-error`}
          messages={loginServerError === undefined ? [] : [loginServerError]}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.audience}>Trust credential audience (optional)</label>
        <input
          id={ids.audience}
          type="text"
          value={values.audience}
          autoComplete="off"
          spellCheck={false}
          placeholder={`api.tailscale.com/${values.clientId.trim() === "" ? "<client-id>" : values.clientId.trim()}`}
          aria-invalid={audienceError !== undefined}
          aria-describedby={`${ids.audience}-error`}
          onChange={(e) => {
            update("audience", { audience: e.target.value });
          }}
        />
        <FieldError
          id={`${ids.audience}-error`}
          messages={audienceError === undefined ? [] : [audienceError]}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
