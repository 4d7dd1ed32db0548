// One instance of the built console (scripts/server.mjs, as `npm start`), for tests and benchmarks
// that run instances of their own.
import { spawn, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";

/** Starts the console on `port` and resolves once it answers its sign-in page. */
export async function startNextInstance(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // Whatever already answers there (an instance a stopped test left behind) would be taken for this one.
  if (await answers(port)) throw new Error(`le port ${port} est déjà occupé`);
  // NEXT_INSTANCE_LOG=<file> keeps what the instance prints (to see why a test's instance failed).
  const log = process.env.NEXT_INSTANCE_LOG ? openSync(process.env.NEXT_INSTANCE_LOG, "a") : "ignore";
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: { ...env, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", log, log],
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    if (await answers(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`la console n'a pas démarré sur le port ${port}`);
}

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/connexion`).then(
    (r) => r.ok,
    () => false,
  );
