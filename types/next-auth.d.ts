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
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    kind: "hosting" | "user";
    userId?: string;
    accountId: string;
    sessionVersion: number;
    certificateId: string;
  }
}
