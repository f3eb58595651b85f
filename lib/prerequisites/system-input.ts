import type { CredentialReference, CredentialStore, SystemAccessInput } from "@/lib/domain/types";

// A system access as it is stored: the credential reference is four nullable columns. The
// engine's input and the automation's answer both read the reference from them, here.

export type StoredSystem = Omit<SystemAccessInput, "credential"> & {
  credentialStore: CredentialStore | null;
  credentialName: string | null;
  credentialOwner: string | null;
  credentialRotatesAt: Date | null;
  /** Read by the engine only (lib/prerequisites/server/load-engine-inputs.ts). */
  credentialRotatedAt?: Date | null;
  knowerLeftAt?: Date | null;
};

/** The recorded reference, or null while any of its four parts is missing. */
export function credentialReference(row: StoredSystem): CredentialReference | null {
  const { credentialStore: store, credentialName: name, credentialOwner: owner } = row;
  const rotatesAt = row.credentialRotatesAt;
  return store && name && owner && rotatesAt ? { store, name, owner, rotatesAt } : null;
}

export function toSystemInput(row: StoredSystem): SystemAccessInput {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    signInMethod: row.signInMethod,
    sso: row.sso,
    service: row.service,
    credential: credentialReference(row),
    machineGroup: row.machineGroup,
    windowsAccount: row.windowsAccount,
    windowsAccountType: row.windowsAccountType,
  };
}

/** The engine's input: the reference with its last recorded rotation, and whether a leaver knew it. */
export function toEngineSystemInput(row: StoredSystem): SystemAccessInput {
  const input = { ...toSystemInput(row), knowerLeftAt: row.knowerLeftAt ?? null };
  return input.credential
    ? { ...input, credential: { ...input.credential, rotatedAt: row.credentialRotatedAt ?? null } }
    : input;
}
