"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { NameField } from "@/components/ui/name-field";
import { QueryFallback, WriteError } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/api-client";
import { ScimGroupsSection } from "@/lib/scim/components/scim-groups-section";
import type { CreatedScimToken, ScimTokenView } from "@/lib/scim/contract";
import { useCreateScimToken, useRevokeScimToken, useRotateScimToken, useScimTokens } from "@/lib/scim/hooks";
import { SCIM_LIMITS } from "@/lib/scim/schemas";
import { createFieldErrors, NewTokenNotice, TokenTable } from "@/lib/tokens/components/token-parts";

// The admin page's section for the identity provider's SCIM tokens: create one (shown once),
// rotate it, revoke it. docs/operations/scim-provisioning.md says where IT pastes it.

export function ScimTokensSection({ scimUrl }: { scimUrl: string }) {
  const [created, setCreated] = useState<CreatedScimToken | null>(null);
  return (
    <section
      aria-labelledby="scim-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <div>
        <h2 id="scim-heading" className="text-lg font-semibold">
          Provisioning from the identity provider (SCIM)
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Entra ID (or another SCIM client) creates, moves and deactivates people here. In its provisioning
          settings, the tenant URL is <code className="rounded bg-slate-100 px-1">{scimUrl}</code> and the
          secret token is a SCIM token from below. A SCIM token belongs to no person and works only for SCIM.
        </p>
      </div>
      {created ? (
        <NewTokenNotice
          id="new-scim-token"
          level={3}
          heading="Copy the SCIM token now"
          label="New SCIM token"
          value={created.token}
          onDone={() => setCreated(null)}
        >
          “{created.name}” is shown this once; Preflight keeps only a fingerprint of it. Paste it into the
          identity provider's provisioning settings as the secret token.
        </NewTokenNotice>
      ) : null}
      <CreateForm onCreated={setCreated} />
      <ScimTokenTable onRotated={setCreated} />
      <ScimGroupsSection />
    </section>
  );
}

function CreateForm({ onCreated }: { onCreated: (token: CreatedScimToken) => void }) {
  const create = useCreateScimToken();
  const [name, setName] = useState("Entra ID provisioning");
  const fields = createFieldErrors(create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name }, { onSuccess: onCreated });
  }

  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end" noValidate>
      <NameField
        id="scim-token-name"
        hint="What uses it."
        max={SCIM_LIMITS.tokenName}
        value={name}
        onChange={setName}
        error={fields.name}
        required
      />
      <Button type="submit" pending={create.isPending} pendingText="Creating…">
        Create SCIM token
      </Button>
      <WriteError error={create.error} besideFields className="sm:col-span-2" />
    </form>
  );
}

function ScimTokenTable({ onRotated }: { onRotated: (token: CreatedScimToken) => void }) {
  const tokens = useScimTokens();
  const rotate = useRotateScimToken();
  const revoke = useRevokeScimToken();
  const [pending, setPending] = useState<{ token: ScimTokenView; action: "rotate" | "revoke" } | null>(null);

  if (!tokens.isSuccess)
    return (
      <QueryFallback
        query={tokens}
        loading="Loading the SCIM tokens…"
        error="The SCIM tokens could not be loaded"
      />
    );
  if (tokens.data.items.length === 0) return <p className="text-sm text-slate-600">No SCIM token yet.</p>;
  const mutation = pending?.action === "rotate" ? rotate : revoke;
  return (
    <>
      <TokenTable
        caption="SCIM tokens, newest first"
        tokens={tokens.data.items}
        actions={(token) =>
          token.status === "ACTIVE" ? (
            <>
              <Button variant="secondary" size="sm" onClick={() => setPending({ token, action: "rotate" })}>
                Rotate<span className="sr-only"> {token.name}</span>
              </Button>
              <Button variant="secondary" size="sm" onClick={() => setPending({ token, action: "revoke" })}>
                Revoke<span className="sr-only"> {token.name}</span>
              </Button>
            </>
          ) : null
        }
      />
      <ConfirmDialog
        open={pending !== null}
        title={`${pending?.action === "rotate" ? "Rotate" : "Revoke"} “${pending?.token.name ?? ""}”?`}
        confirmLabel={pending?.action === "rotate" ? "Rotate token" : "Revoke token"}
        tone="danger"
        pending={mutation.isPending}
        error={mutation.error ? errorMessage(mutation.error) : null}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (!pending) return;
          if (pending.action === "rotate") {
            rotate.mutate(pending.token.id, {
              onSuccess: (token) => {
                setPending(null);
                onRotated(token);
              },
            });
          } else {
            revoke.mutate(pending.token.id, { onSuccess: () => setPending(null) });
          }
        }}
      >
        <p>
          Provisioning with {pending?.token.prefix}… gets “401” from its next request on
          {pending?.action === "rotate"
            ? ": paste the new token into the identity provider straight away. For an overlap, create a second token instead and revoke this one later."
            : ". This cannot be undone."}
        </p>
      </ConfirmDialog>
    </>
  );
}
