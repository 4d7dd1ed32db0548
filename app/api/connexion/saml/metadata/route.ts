import { spMetadata } from "@/lib/server/sign-in/directory/saml-sign-in";
import { publicRoute } from "@/lib/server/sign-in/directory/redirects";

/** The console's SAML service provider metadata: what the ENT's administrator registers. */
export const GET = publicRoute(
  "/espace/connexion",
  async () => new Response(spMetadata(), { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8" } }),
);
