import { OperatorSignOutButton } from "@/components/operator/operator-sign-in";
import type { OperatorContext } from "@/lib/auth/operator";
import { OPERATOR_ROLES } from "@/lib/server/operator/permissions";

/** Who is signed in to /operateur, with his role, and his "Déconnexion": on every page of the area. */
export function OperatorBar({ operator }: { operator: OperatorContext }) {
  return (
    <p className="flex items-center justify-end gap-2 text-sm">
      {operator.name} ({OPERATOR_ROLES[operator.role]}) <OperatorSignOutButton />
    </p>
  );
}
