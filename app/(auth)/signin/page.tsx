import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { SignInButtons } from "@/lib/auth/components/sign-in-buttons";
import { signInErrorMessage } from "@/lib/auth/errors";
import { identityProviders, providerSignOutUrl } from "@/lib/auth/server/providers";
import { safeCallbackPath, sessionCaller } from "@/lib/auth/server/session";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  const error = first(params.error);
  const signedOut = first(params.signedOut) === "1";
  if (!error && !signedOut && (await sessionCaller())) redirect(callbackUrl);

  const providers = identityProviders().map(({ id, name }) => ({ id, name }));
  const providerSignOut = signedOut ? await providerSignOutUrl(first(params.provider)) : null;
  const providerName = providers.find((provider) => provider.id === first(params.provider))?.name;

  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-12">
      <div>
        <p className="text-lg font-semibold text-brand-900">Preflight</p>
        <h1 className="mt-2 text-2xl font-semibold">Sign in</h1>
        <p className="mt-1 text-slate-600">
          Use your company account. Preflight never sees your password: your identity provider checks it.
        </p>
      </div>
      {signedOut ? (
        <Alert tone="success" role="status" title="You are signed out of Preflight.">
          {providerSignOut ? (
            <p>
              On a shared computer, also{" "}
              <a href={providerSignOut} className="font-medium underline underline-offset-2">
                sign out of {providerName ?? "your identity provider"}
              </a>
              .
            </p>
          ) : null}
        </Alert>
      ) : null}
      {error ? (
        <Alert tone="error" role="alert" title="You are not signed in">
          <p>{signInErrorMessage(error)}</p>
        </Alert>
      ) : null}
      <section
        aria-label="Sign-in methods"
        className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        {providers.length > 0 ? (
          <SignInButtons providers={providers} callbackUrl={callbackUrl} />
        ) : (
          <Alert tone="warning" title="No sign-in method is configured">
            <p>
              An administrator must configure Microsoft Entra ID (AUTH_ENTRA_TENANT_ID, AUTH_ENTRA_CLIENT_ID,
              AUTH_ENTRA_CLIENT_SECRET) or another OpenID Connect provider (AUTH_OIDC_ISSUER,
              AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET). See .env.example.
            </p>
          </Alert>
        )}
      </section>
    </main>
  );
}
