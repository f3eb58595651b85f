import { canAny, type Permission, type Principal } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Shown to callers with any of these; none means every signed-in person. */
  permissions?: readonly Permission[];
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

export const NAVIGATION: NavSection[] = [
  {
    title: "Makers",
    items: [
      { href: "/automations", label: "My automations", permissions: ["automation:read:own"] },
      { href: "/automations/new", label: "Register an automation", permissions: ["automation:create"] },
      { href: "/requests", label: "My requests", permissions: ["request:create"] },
    ],
  },
  {
    title: "IT",
    items: [
      { href: "/queue", label: "Request queue", permissions: ["request:decide", "request:read:all"] },
      { href: "/catalog/connectors", label: "Connectors", permissions: ["catalog:read"] },
      { href: "/catalog/gateways", label: "Gateways", permissions: ["catalog:read"] },
      { href: "/inventory", label: "Inventory import", permissions: ["inventory:import"] },
    ],
  },
  {
    title: "Managers",
    items: [
      { href: "/dashboard", label: "Dashboard", permissions: ["dashboard:read"] },
      { href: "/prerequisites", label: "Prerequisites", permissions: ["dashboard:read"] },
      {
        href: "/automations",
        label: "Automations",
        permissions: ["automation:read:department", "automation:read:all"],
      },
      { href: "/requests", label: "Requests", permissions: ["request:read:department"] },
    ],
  },
  {
    title: "Admin",
    items: [
      { href: "/admin/people", label: "People", permissions: ["admin:people"] },
      { href: "/admin/departments", label: "Departments", permissions: ["admin:departments"] },
      { href: "/audit", label: "Audit trail", permissions: ["audit:read"] },
    ],
  },
  {
    title: "You",
    items: [{ href: "/settings/tokens", label: "API tokens" }],
  },
];

export function navigationFor(user: Principal): NavSection[] {
  return NAVIGATION.map((section) => ({
    ...section,
    items: section.items.filter((item) => !item.permissions || canAny(user, item.permissions)),
  })).filter((section) => section.items.length > 0);
}
