// A browser's session with the console for the benchmarks: next-auth's credentials sign-in, as the
// form posts it, with the device certificate already installed; then pages loaded with it.
export type BenchAccount = { hostingNumber: string; password: string; certificateCookie: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
}

/** The sign-in form's two requests; returns the cookies a browser then sends. */
export async function signIn(base: string, account: BenchAccount): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = [...cookiesOf(csrf), account.certificateCookie].join("; ");
  const body = new URLSearchParams({ csrfToken, hostingNumber: account.hostingNumber, password: account.password, json: "true" });
  const answer = await fetch(`${base}/api/auth/callback/hosting`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body,
    redirect: "manual",
  });
  await answer.arrayBuffer();
  const session = cookiesOf(answer).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in refused (${answer.status})`);
  return `${session}; ${account.certificateCookie}`;
}

export async function loadPage(base: string, cookie: string, path: string): Promise<number> {
  const answer = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  const bytes = (await answer.arrayBuffer()).byteLength;
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
  return bytes;
}
