"use client";

import { useState } from "react";
import { HostingSignIn } from "./hosting-sign-in";
import { UserSignIn } from "./user-sign-in";

/** F2 / F12: "Je me connecte en tant que" the hosting responsible, or a user of the controller. */
export function SignInChoice() {
  const [role, setRole] = useState<"hosting" | "user">("hosting");
  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="label mb-2">Je me connecte en tant que</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="role" checked={role === "hosting"} onChange={() => setRole("hosting")} />
          responsable de l&apos;hébergement
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="role" checked={role === "user"} onChange={() => setRole("user")} />
          utilisateur du contrôleur (superadministrateur, administrateur de base, utilisateur)
        </label>
      </fieldset>
      {role === "hosting" ? <HostingSignIn /> : <UserSignIn />}
    </div>
  );
}
