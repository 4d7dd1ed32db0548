import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/server/errors";
import { db } from "@/lib/db";
import { clientIp, parseCookies } from "@/lib/server/request-ip";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { CERTIFICATE_REQUIRED, SECOND_FACTOR_REQUIRED, signInHosting } from "@/lib/server/sign-in/hosting/sign-in-hosting";
import { completeUserSignIn } from "@/lib/server/sign-in/controller/steps";
import { openConsoleSession, revokeConsoleSession, SESSION_MAX_AGE_S, sessionRef } from "@/lib/server/sign-in/console-sessions";

export { CERTIFICATE_REQUIRED, SECOND_FACTOR_REQUIRED };

export { SESSION_MAX_AGE_S };

export const authOptions: AuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/connexion", error: "/connexion" },
  providers: [
    CredentialsProvider({
      id: "hosting",
      name: "Responsable de l'hébergement",
      credentials: { hostingNumber: { type: "text" }, password: { type: "password" }, code: { type: "text" } },
      async authorize(credentials, req) {
        const headers = (req.headers ?? {}) as Record<string, string | undefined>;
        const ip = clientIp((name) => headers[name]);
        try {
          return await signInHosting({
            hostingNumber: credentials?.hostingNumber ?? "",
            password: credentials?.password ?? "",
            code: credentials?.code ?? "",
            ip,
            cookies: parseCookies(headers.cookie),
          });
        } catch (error) {
          // next-auth hands the message to the form; only our own French messages may go there.
          if (
            error instanceof AppError ||
            (error instanceof Error && [CERTIFICATE_REQUIRED, SECOND_FACTOR_REQUIRED].includes(error.message))
          ) {
            throw error;
          }
          console.error("sign-in failed", error);
          throw new Error("La connexion a échoué. Réessayez dans un instant.");
        }
      },
    }),
    CredentialsProvider({
      id: "controller-user",
      name: "Utilisateur du contrôleur",
      credentials: { ticket: { type: "text" } },
      // F12: the steps (password, personalization, measure, PIN, device) ran as server actions;
      // their finished ticket is all this provider accepts.
      async authorize(credentials, req) {
        const headers = (req.headers ?? {}) as Record<string, string | undefined>;
        try {
          const user = await completeUserSignIn(
            credentials?.ticket ?? "",
            clientIp((name) => headers[name]),
          );
          return {
            id: user.id,
            kind: "user",
            userId: user.id,
            accountId: user.accountId,
            sessionVersion: user.sessionVersion,
            certificateId: "",
          };
        } catch (error) {
          if (error instanceof AppError) throw error;
          console.error("user sign-in failed", error);
          throw new Error("La connexion a échoué. Réessayez dans un instant.");
        }
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (!token?.accountId) return;
      if (token.sid) await revokeConsoleSession(token.sid);
      if (token.kind === "user" && token.userId) {
        const user = await db.controllerUser.findUnique({ where: { id: token.userId }, select: { loginId: true } });
        if (user) await recordAuditEvent({ accountId: token.accountId, actor: user.loginId, action: "user.signout" });
      } else {
        await recordAuditEvent({ accountId: token.accountId, actor: "responsable", action: "signout" });
      }
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.kind = user.kind;
        token.userId = user.userId;
        token.accountId = user.accountId;
        token.sessionVersion = user.sessionVersion;
        token.certificateId = user.certificateId;
        token.sid = await openConsoleSession({ accountId: user.accountId, userId: user.userId });
        token.authTime = Date.now();
        return token;
      }
      // An absolute lifetime: renewing the cookie (every /api/auth/session) never moves its end.
      if (!token.authTime || Date.now() - token.authTime > SESSION_MAX_AGE_S * 1000) return {} as typeof token;
      return token;
    },
    async session({ session, token }) {
      session.sessionRef = token.sid ? sessionRef(token.sid) : "";
      session.kind = token.kind;
      session.userId = token.userId;
      session.accountId = token.accountId;
      session.sessionVersion = token.sessionVersion;
      session.certificateId = token.certificateId;
      return session;
    },
  },
};
