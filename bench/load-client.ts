// bench/load's clients, in their own process: loops for `seconds`, each either loading console pages
// with its own session or signing in (next-auth's credentials callback, as the sign-in form posts
// it), pausing `think` ms on average between two pages (0: back to back). Prints the latencies.
import { loadPage, signIn as signInAs, type BenchAccount as Account } from "./console-session";
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

const signIn = () => signInAs(plan.base, plan.account);
const page = async (cookie: string, path: string) => {
  await loadPage(plan.base, cookie, path);
};

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
