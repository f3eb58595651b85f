import Link from "next/link";
import type { ReactNode } from "react";
import { roleLabel } from "@/lib/admin/labels";
import type { NavSection } from "@/lib/navigation";

interface AppShellProps {
  navigation: NavSection[];
  user: { name: string; email: string; roles: string[] } | null;
  children: ReactNode;
  /** Header slot for the sign-out button and the notification bell. */
  actions?: ReactNode;
}

export function AppShell({ navigation, user, children, actions }: AppShellProps) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-brand-900">
            Preflight
          </Link>
          <div className="flex items-center gap-4 text-sm">
            {user ? (
              <span className="text-slate-700">
                {user.name}{" "}
                <span className="text-slate-500">({user.roles.map(roleLabel).join(", ") || "no role"})</span>
              </span>
            ) : null}
            {actions}
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <nav aria-label="Main" className="md:w-56 md:shrink-0">
          {navigation.map((section) => (
            <div key={section.title} className="mb-4">
              <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
                {section.title}
              </h2>
              <ul className="space-y-1">
                {section.items.map((item) => (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      className="block rounded px-2 py-1 text-slate-800 hover:bg-brand-50 hover:text-brand-700"
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
