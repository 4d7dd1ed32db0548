export {}; // a module: top-level await
// bench/load's clients, in their own process: loops for `seconds`, each either loading console pages
// with its own session or signing in (next-auth's credentials callback, as the sign-in form posts
// it), pausing `think` ms on average between two pages (0: back to back). Prints the latencies.
type Account = { hostingNumber: string; password: string; certificateCookie: string };
type Plan = {
  base: string;
  account: Account;
  pages: number;
  signIns: number;
  seconds: number;
  think: number;
  /** The sign-in page without a session instead of console pages: what the server costs at least. */
  floor?: boolean;
};

const plan = JSON.parse(process.argv[2]) as Plan;
const PAGES = ["/configuration", "/controleur", "/plannings", "/client", "/communication", "/compte"];

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
}

/** The sign-in form's two requests; returns the session cookie. */
async function signIn(): Promise<string> {
  const csrf = await fetch(`${plan.base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = [...cookiesOf(csrf), plan.account.certificateCookie].join("; ");
  const body = new URLSearchParams({
    csrfToken,
    hostingNumber: plan.account.hostingNumber,
    password: plan.account.password,
    json: "true",
  });
  const answer = await fetch(`${plan.base}/api/auth/callback/hosting`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body,
    redirect: "manual",
  });
  await answer.arrayBuffer();
  const session = cookiesOf(answer).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in refused (${answer.status})`);
  return `${session}; ${plan.account.certificateCookie}`;
}

async function page(cookie: string, path: string): Promise<void> {
  const answer = await fetch(`${plan.base}${path}`, { headers: { cookie }, redirect: "manual" });
  await answer.arrayBuffer();
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
}

const latencies = { pages: [] as number[], signIns: [] as number[], errors: 0 };
const sessions = await Promise.all(Array.from({ length: plan.pages }, () => (plan.floor ? "" : signIn())));
const paths = plan.floor ? ["/connexion"] : PAGES;
for (const cookie of sessions) await page(cookie, paths[0]); // warm every page's code once
if (!plan.floor) for (const path of PAGES) await page(sessions[0] ?? (await signIn()), path);

const end = performance.now() + plan.seconds * 1000;
async function loop(work: (i: number) => Promise<unknown>, into: number[], think = 0) {
  // Users do not all click at the same instant: a paused client starts at a random moment.
  if (think) await new Promise((resolve) => setTimeout(resolve, Math.random() * think));
  for (let i = 0; performance.now() < end; i++) {
    const start = performance.now();
    try {
      await work(i);
      into.push(performance.now() - start);
    } catch {
      latencies.errors++;
    }
    if (think) await new Promise((resolve) => setTimeout(resolve, think * (0.5 + Math.random())));
  }
}
await Promise.all([
  ...sessions.map((cookie, c) => loop((i) => page(cookie, paths[(i + c) % paths.length]), latencies.pages, plan.think)),
  ...Array.from({ length: plan.signIns }, () => loop(() => signIn(), latencies.signIns)),
]);
console.log(JSON.stringify(latencies));
