import { passwordRules } from "@/lib/password-rules";

/** F4's live checklist: each rule of the guide turns green as the password meets it. */
export function PasswordRulesList({ id, password, minLength }: { id: string; password: string; minLength: number }) {
  return (
    <div id={id} className="text-sm">
      <p className="font-medium">Le mot de passe doit :</p>
      <ul className="mt-1 space-y-0.5">
        {passwordRules(password, minLength).map((rule) => (
          <li key={rule.id} data-rule={rule.id} data-ok={rule.ok} className={rule.ok ? "text-ok" : "text-slate-700"}>
            <span aria-hidden="true">{rule.ok ? "✔ " : "✗ "}</span>
            <span className="sr-only">{rule.ok ? "Respecté : " : "Non respecté : "}</span>
            {rule.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
