import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    kind: "hosting" | "user";
    userId?: string;
    accountId: string;
    sessionVersion: number;
    certificateId: string;
  }
  interface Session {
    kind: "hosting" | "user";
    userId?: string;
    accountId: string;
    sessionVersion: number;
    certificateId: string;
    /** The hash the database keeps of the session's id (lib/auth/console-sessions.ts). */
    sessionRef: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    kind: "hosting" | "user";
    userId?: string;
    accountId: string;
    sessionVersion: number;
    certificateId: string;
    /** The session's random id; its row says whether it was signed out. */
    sid?: string;
    /** When the session was opened (ms): it ends SESSION_MAX_AGE_S later, renewed or not. */
    authTime?: number;
  }
}
