/** F4: the rules of the first superadministrator's password, in the guide's words. */
export type PasswordRule = { id: string; label: string; ok: boolean };

export function passwordRules(password: string, minLength = 12): PasswordRule[] {
  return [
    { id: "length", label: `Le mot de passe doit contenir au moins ${minLength} caractères`, ok: [...password].length >= minLength },
    { id: "letter", label: "Le mot de passe doit contenir au moins une lettre", ok: /\p{L}/u.test(password) },
    { id: "digit", label: "Le mot de passe doit contenir au moins un caractère numérique", ok: /\p{Nd}/u.test(password) },
    {
      id: "special",
      label: "Le mot de passe doit contenir au moins un caractère spécial (ni lettre, ni chiffre)",
      ok: /[^\p{L}\p{Nd}]/u.test(password),
    },
    {
      id: "case",
      label: "Le mot de passe doit mélanger des minuscules et majuscules",
      ok: /\p{Ll}/u.test(password) && /\p{Lu}/u.test(password),
    },
  ];
}

export function firstBrokenRule(password: string, minLength = 12): string | null {
  return passwordRules(password, minLength).find((r) => !r.ok)?.label ?? null;
}
