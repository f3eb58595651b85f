"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { NameField } from "@/components/ui/name-field";
import { Panel } from "@/components/ui/panel";
import { QueryFallback, WriteError } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/api-client";
import { createFieldErrors, NewTokenNotice, TokenTable } from "@/lib/tokens/components/token-parts";
import type { CreatedToken, TokenView } from "@/lib/tokens/contract";
import { useCreateToken, useRevokeToken, useTokens } from "@/lib/tokens/hooks";
import { DEFAULT_TOKEN_DAYS, TOKEN_LIFETIMES_DAYS, TOKEN_LIMITS } from "@/lib/tokens/schemas";

export function TokensManager() {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <div className="space-y-8">
      {created ? (
        <NewTokenNotice
          id="new-token-value"
          heading="Copy your new token now"
          label="New token"
          value={created.token}
          onDone={() => setCreated(null)}
        >
          “{created.name}” is shown this once and is not stored: Preflight keeps only a fingerprint of it.
          Send it as <code className="rounded bg-white px-1">Authorization: Bearer …</code>.
        </NewTokenNotice>
      ) : null}
      <CreateTokenForm onCreated={setCreated} />
      <TokenList />
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [days, setDays] = useState(String(DEFAULT_TOKEN_DAYS));
  const fields = createFieldErrors(create.error);

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
    <Panel id="create-token" heading="Create a token" className="">
      <p className="mt-1 text-sm text-slate-600">
        A token acts as you, with your roles as they are when it is used. Give each system its own token, so
        that you can revoke one without breaking the others.
      </p>
      <form
        onSubmit={submit}
        className="mt-4 grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
        noValidate
      >
        <NameField
          id="token-name"
          hint="What uses it, e.g. “Nightly export”."
          max={TOKEN_LIMITS.name}
          value={name}
          onChange={setName}
          error={fields.name}
          required
        />
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
      <WriteError error={create.error} besideFields className="mt-4" />
    </Panel>
  );
}

function TokenList() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [pending, setPending] = useState<TokenView | null>(null);

  if (!tokens.isSuccess) {
    return (
      <QueryFallback query={tokens} loading="Loading your tokens…" error="Your tokens could not be loaded" />
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
        <TokenTable
          caption="Your API tokens, newest first"
          tokens={items}
          expires
          actions={(token) =>
            token.status === "ACTIVE" ? (
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
            ) : null
          }
        />
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
