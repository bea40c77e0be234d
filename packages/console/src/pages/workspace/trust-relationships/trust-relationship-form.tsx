import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import {
  INSTANCE_KINDS,
  type InstanceKind,
  type TrustRelationshipName,
  type TrustRelationshipSpec,
} from "@nsc/core/browser";
import { FieldError } from "../../../forms/field-error.js";
import type { ClaimRow, TrustFormValues } from "./trust-form-values.js";
import { validateTrustForm, type TrustField } from "./validate-trust-form.js";

/**
 * Adds or edits one trust relationship. Save checks the whole form with core's rules and sends nothing
 * until they pass; from then on the first problem is shown under its field as the form changes, with its
 * code.
 */
export function TrustRelationshipForm(props: {
  readonly initial: TrustFormValues;
  /** Set when editing: the name cannot change (a new name is a new relationship). */
  readonly editing: boolean;
  /** The workspace's Tailscale spec names, for the spec choice. */
  readonly specNames: readonly string[];
  readonly onSave: (name: TrustRelationshipName, spec: TrustRelationshipSpec) => Promise<boolean>;
  readonly onCancel: () => void;
}) {
  const [values, setValues] = useState(props.initial);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);
  const issuerRef = useRef<HTMLInputElement>(null);
  const base = useId();
  const titleId = useId();
  const idOf = (field: TrustField): string => `${base}-${field}`;

  useEffect(() => {
    (props.editing ? issuerRef.current : firstRef.current)?.focus();
  }, [props.editing]);

  const check = validateTrustForm(values, props.editing);
  const problemAt = (field: TrustField): readonly string[] =>
    submitted && !check.ok && check.field === field
      ? [`${check.problem.message} (${check.problem.code})`]
      : [];
  const unplaced =
    submitted && !check.ok && check.field === undefined
      ? `${check.problem.message} (${check.problem.code})`
      : undefined;
  const update = (patch: Partial<TrustFormValues>): void => {
    setValues((v) => ({ ...v, ...patch }));
  };
  const setClaim = (index: number, patch: Partial<ClaimRow>): void => {
    setValues((v) => ({
      ...v,
      claims: v.claims.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    }));
  };

  const submit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok) {
      const form = event.currentTarget;
      // The invalid field is marked on the next render; focus it then.
      window.setTimeout(() => {
        form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
      }, 0);
      return;
    }
    setBusy(true);
    void props.onSave(check.name, check.spec).then((saved) => {
      if (!saved) setBusy(false);
    });
  };

  const text = (
    field: Exclude<TrustField, "claims" | "kind" | "tailscaleSpec" | "jwks">,
    label: string,
    options: { readonly hint?: string; readonly placeholder?: string; readonly type?: string } = {},
  ) => {
    const id = idOf(field);
    const invalid = problemAt(field).length > 0;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          ref={field === "name" ? firstRef : field === "issuer" ? issuerRef : undefined}
          type={options.type ?? "text"}
          value={values[field]}
          readOnly={field === "name" && props.editing}
          autoComplete="off"
          spellCheck={false}
          placeholder={options.placeholder}
          aria-invalid={invalid}
          aria-describedby={`${options.hint === undefined ? "" : `${id}-hint `}${id}-error`}
          onChange={(e) => {
            update({ [field]: e.target.value });
          }}
        />
        {options.hint === undefined ? null : (
          <p className="hint" id={`${id}-hint`}>
            {options.hint}
          </p>
        )}
        <FieldError id={`${id}-error`} messages={problemAt(field)} />
      </div>
    );
  };

  const choice = (
    field: "kind" | "tailscaleSpec",
    label: string,
    options: readonly { readonly value: string; readonly label: string }[],
    onChange: (value: string) => void,
  ) => {
    const id = idOf(field);
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select
          id={id}
          value={values[field]}
          aria-invalid={problemAt(field).length > 0}
          aria-describedby={`${id}-error`}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-error`} messages={problemAt(field)} />
      </div>
    );
  };

  const specChoices = [
    ...new Set([...props.specNames, ...(values.tailscaleSpec === "" ? [] : [values.tailscaleSpec])]),
  ].sort();

  return (
    <form className="panel spec-form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h2 id={titleId}>
        {props.editing ? `Edit trust relationship "${props.initial.name}"` : "New trust relationship"}
      </h2>
      {unplaced === undefined ? null : (
        <p className="field-error" role="alert">
          {unplaced}
        </p>
      )}
      {text("name", "Name", { hint: "Lowercase letters, digits, '-' and '_', e.g. arc-runners." })}
      {text("issuer", "Issuer", {
        type: "url",
        placeholder: "https://token.actions.githubusercontent.com",
        hint: "Exactly as the tokens' iss claim: https (plain http only on this machine).",
      })}
      {text("audience", "Audience", { placeholder: "nsc", hint: "The tokens' aud must contain it." })}
      {text("subjectMatch", "Subject pattern", {
        placeholder: "system:serviceaccount:ci:runner",
        hint: "The tokens' sub must match; * matches any run of characters.",
      })}
      <fieldset className="field claim-rules" aria-describedby={`${idOf("claims")}-error`}>
        <legend>Claim rules</legend>
        <p className="hint">
          A dotted claim path, such as repository or kubernetes.io.namespace, and the pattern its value must
          match. Every rule must hold.
        </p>
        {values.claims.map((row, index) => (
          // Rows have no identity of their own: their place in the list is what they are.
          <div className="claim-row" key={index}>
            <input
              type="text"
              aria-label={`Claim path ${index + 1}`}
              value={row.claim}
              autoComplete="off"
              spellCheck={false}
              placeholder="repository"
              aria-invalid={problemAt("claims").length > 0}
              onChange={(e) => {
                setClaim(index, { claim: e.target.value });
              }}
            />
            <span aria-hidden="true">=</span>
            <input
              type="text"
              aria-label={`Claim pattern ${index + 1}`}
              value={row.pattern}
              autoComplete="off"
              spellCheck={false}
              placeholder="acme/*"
              onChange={(e) => {
                setClaim(index, { pattern: e.target.value });
              }}
            />
            <button
              type="button"
              className="small"
              aria-label={`Remove claim rule ${index + 1}`}
              onClick={() => {
                setValues((v) => ({ ...v, claims: v.claims.filter((_, i) => i !== index) }));
              }}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="small"
          onClick={() => {
            setValues((v) => ({ ...v, claims: [...v.claims, { claim: "", pattern: "" }] }));
          }}
        >
          Add claim rule
        </button>
        <FieldError id={`${idOf("claims")}-error`} messages={problemAt("claims")} />
      </fieldset>
      {choice(
        "kind",
        "Grants an instance of kind",
        INSTANCE_KINDS.map((kind) => ({ value: kind, label: kind })),
        (value) => {
          const kind = INSTANCE_KINDS.find((k) => k === value);
          if (kind !== undefined) update({ kind: kind satisfies InstanceKind });
        },
      )}
      {choice(
        "tailscaleSpec",
        "Tailscale spec",
        [
          { value: "", label: values.kind === "runner" ? "Chosen by the job's labels" : "None" },
          ...specChoices.map((name) => ({ value: name, label: name })),
        ],
        (value) => {
          update({ tailscaleSpec: value });
        },
      )}
      {text("allowLabels", "Allowed runner labels", {
        placeholder: "namespace-profile-*",
        hint: "Runners only: patterns every label given at exchange time must match, comma-separated.",
      })}
      {text("ttlSecs", "Instance lifetime (seconds)", { hint: "From 60 to 86400; 3600 is one hour." })}
      <div className="field">
        <label htmlFor={idOf("jwks")}>Issuer's JWKS (optional)</label>
        <textarea
          id={idOf("jwks")}
          value={values.jwks}
          rows={4}
          spellCheck={false}
          placeholder='{"keys": [ … ]}'
          aria-invalid={problemAt("jwks").length > 0}
          aria-describedby={`${idOf("jwks")}-hint ${idOf("jwks")}-error`}
          onChange={(e) => {
            update({ jwks: e.target.value });
          }}
        />
        <p className="hint" id={`${idOf("jwks")}-hint`}>
          For issuers nsc-server cannot reach, such as a cluster&apos;s private one (kubectl get --raw
          /openid/v1/jwks). Empty: fetched from the issuer.
        </p>
        <FieldError id={`${idOf("jwks")}-error`} messages={problemAt("jwks")} />
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
