import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    accountId: string;
    sessionVersion: number;
    certificateId: string;
  }
  interface Session {
    accountId: string;
    sessionVersion: number;
    certificateId: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    accountId: string;
    sessionVersion: number;
    certificateId: string;
  }
}
