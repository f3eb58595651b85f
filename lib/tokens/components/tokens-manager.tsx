"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select, TextInput } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import type { CreatedToken, TokenStatus, TokenView } from "@/lib/tokens/contract";
import { useCreateToken, useRevokeToken, useTokens } from "@/lib/tokens/hooks";
import { DEFAULT_TOKEN_DAYS, TOKEN_LIFETIMES_DAYS, TOKEN_LIMITS } from "@/lib/tokens/schemas";

const STATUS_TONE: Record<TokenStatus, BadgeTone> = {
  ACTIVE: "success",
  EXPIRED: "warning",
  REVOKED: "neutral",
};
const STATUS_LABEL: Record<TokenStatus, string> = {
  ACTIVE: "Active",
  EXPIRED: "Expired",
  REVOKED: "Revoked",
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function TokensManager() {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <div className="space-y-8">
      {created ? <NewTokenNotice token={created} onDone={() => setCreated(null)} /> : null}
      <CreateTokenForm onCreated={setCreated} />
      <TokenList />
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [days, setDays] = useState(String(DEFAULT_TOKEN_DAYS));
  const fields = create.error instanceof ApiError ? create.error.fields : {};

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name, expiresInDays: Number(days) },
      {
        onSuccess: (token) => {
          setName("");
          onCreated(token);
        },
      },
    );
  }

  return (
    <section
      aria-labelledby="create-token-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="create-token-heading" className="text-lg font-semibold">
        Create a token
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A token acts as you, with your roles as they are when it is used. Give each system its own token, so
        that you can revoke one without breaking the others.
      </p>
      <form
        onSubmit={submit}
        className="mt-4 grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
        noValidate
      >
        <Field
          id="token-name"
          label="Name"
          hint="What uses it, e.g. “Nightly export”."
          limit={{ max: TOKEN_LIMITS.name, value: name }}
          error={fields.name}
          required
        >
          {(control) => (
            <TextInput
              {...control}
              name="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field id="token-days" label="Expires after" error={fields.expiresInDays}>
          {(control) => (
            <Select
              {...control}
              name="expiresInDays"
              value={days}
              onChange={(event) => setDays(event.target.value)}
            >
              {TOKEN_LIFETIMES_DAYS.map((option) => (
                <option key={option} value={option}>
                  {option} days
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" pending={create.isPending} pendingText="Creating…">
          Create token
        </Button>
      </form>
      {create.error && !(create.error instanceof ApiError && create.error.hasFieldErrors) ? (
        <Alert tone="error" role="alert" className="mt-4">
          {errorMessage(create.error)}
        </Alert>
      ) : null}
    </section>
  );
}

function NewTokenNotice({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <section
      aria-labelledby="new-token-heading"
      className="rounded-lg border-2 border-emerald-700 bg-emerald-50 p-5"
    >
      <h2
        id="new-token-heading"
        ref={heading}
        tabIndex={-1}
        className="text-lg font-semibold text-emerald-900"
      >
        Copy your new token now
      </h2>
      <p className="mt-1 text-sm text-emerald-950">
        “{token.name}” is shown this once and is not stored: Preflight keeps only a fingerprint of it. Send it
        as <code className="rounded bg-white px-1">Authorization: Bearer …</code>.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="new-token-value" className="block text-sm font-medium text-slate-900">
            New token
          </label>
          <input
            id="new-token-value"
            readOnly
            value={token.token}
            onFocus={(event) => event.currentTarget.select()}
            className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
          />
        </div>
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
      <p role="status" className="mt-2 text-sm text-emerald-950">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "Copying failed: select the token and copy it."
            : ""}
      </p>
    </section>
  );
}

function TokenList() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [pending, setPending] = useState<TokenView | null>(null);

  if (tokens.isPending) return <Loading>Loading your tokens…</Loading>;
  if (tokens.isError) {
    return (
      <Alert tone="error" role="alert" title="Your tokens could not be loaded">
        {errorMessage(tokens.error)}
      </Alert>
    );
  }
  const items = tokens.data.items;
  return (
    <section aria-labelledby="token-list-heading" className="space-y-3">
      <h2 id="token-list-heading" className="text-lg font-semibold">
        Your tokens
      </h2>
      {items.length === 0 ? (
        <EmptyState title="No API tokens yet">
          Create one above when a script or another system needs to call the Preflight API as you.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Your API tokens, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Token
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Created
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Expires
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Last used
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {items.map((token) => (
                <tr key={token.id}>
                  <td className="px-3 py-2 font-medium">{token.name}</td>
                  <td className="px-3 py-2 font-mono">{token.prefix}…</td>
                  <td className="px-3 py-2">
                    <Badge tone={STATUS_TONE[token.status]} value={token.status}>
                      {STATUS_LABEL[token.status]}
                    </Badge>
                  </td>
                  <td className="px-3 py-2">{dateFormat.format(new Date(token.createdAt))}</td>
                  <td className="px-3 py-2">
                    {token.expiresAt ? dateFormat.format(new Date(token.expiresAt)) : "Never"}
                  </td>
                  <td className="px-3 py-2">
                    {token.lastUsedAt ? dateTimeFormat.format(new Date(token.lastUsedAt)) : "Never used"}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {token.status === "ACTIVE" ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => {
                          revoke.reset();
                          setPending(token);
                        }}
                      >
                        Revoke<span className="sr-only"> {token.name}</span>
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={`Revoke “${pending?.name ?? ""}”?`}
        confirmLabel="Revoke token"
        tone="danger"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending) revoke.mutate(pending.id, { onSuccess: () => setPending(null) });
        }}
      >
        <p>
          Anything still using {pending?.prefix}… gets “401 revoked” from its next request on. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
