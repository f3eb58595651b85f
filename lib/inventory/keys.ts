// TanStack Query keys of the inventory import: one factory, never inline keys.

export const inventoryKeys = {
  all: ["inventory"] as const,
  imports: () => [...inventoryKeys.all, "imports"] as const,
  import: (id: string) => [...inventoryKeys.all, "import", id] as const,
  environments: () => [...inventoryKeys.all, "environments"] as const,
};
