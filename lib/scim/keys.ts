// TanStack Query keys of the SCIM tokens: one factory, never inline keys.

export const scimTokenKeys = {
  all: ["scim-tokens"] as const,
  list: () => [...scimTokenKeys.all, "list"] as const,
};

export const scimGroupKeys = {
  all: ["scim-groups"] as const,
  list: () => [...scimGroupKeys.all, "list"] as const,
};
