// What the test servers started in the background share (scripts/cas-server.mjs, saml-idp.mjs):
// whether the process of a pid file lives, whether a loopback port answers, waiting for it.
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";

export function pidAlive(pidFile) {
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, "utf8")), 0);
    return true;
  } catch {
    return false;
  }
}

export const listening = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });

/** Up to 10 s for `port` to answer; else the server's log in the error. */
export async function waitListening(port, logFile, what) {
  for (let i = 0; i < 200 && !(await listening(port)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!(await listening(port))) throw new Error(`${what} n'a pas démarré : ${existsSync(logFile) ? readFileSync(logFile, "utf8") : ""}`);
}
