import { spawn, type ChildProcess } from "node:child_process";

/** The SMTP catcher in a process of its own, as a mail server is, taking messages without parsing them. */
export async function startMailSink(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/mail-catcher.ts", "--sink"], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return child;
}
