import { inDays } from "./dates";

// Request bodies the API tests send.

/** API.md's expense-reporting example, with every sign-in method the wizard offers for it. */
export function expenseReporting(ownerEmail = "fiona.finance@preflight.test") {
  return {
    name: "Expense reporting",
    description: "Reconciles card statements from online banking into the expense system",
    kind: "CLOUD_FLOW",
    runMode: "ATTENDED",
    runAs: "Finance team (Entra group)",
    systems: [
      {
        name: "Online banking",
        location: "CLOUD",
        signInMethod: "USERNAME_PASSWORD",
        sso: false,
        credentialReference: {
          store: "AZURE_KEY_VAULT",
          name: "kv-finance/banking-bot",
          owner: ownerEmail,
          rotatesAt: inDays(120).toISOString().slice(0, 10),
        },
      },
      { name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" },
      { name: "ERP", location: "ON_PREMISES", signInMethod: "SHARED_KEY", service: "SAP-ERP " },
    ],
  };
}

/** A shared-key connector as IT registers it, shared with everyone or with some departments. */
export const newConnector = (sharedWith: "ALL" | string[], overrides: Record<string, unknown> = {}) => ({
  name: "Workday (integration user)",
  ownerTeam: "IT Integration",
  keyReference: "https://kv-integration.vault.azure.net/secrets/workday",
  keyExpiresAt: inDays(180).toISOString().slice(0, 10),
  sharedWith,
  ...overrides,
});
