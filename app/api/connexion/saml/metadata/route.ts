import { spMetadata } from "@/lib/server/directory/saml-sign-in";

/** The console's SAML service provider metadata: what the ENT's administrator registers. Public by nature. */
export async function GET() {
  return new Response(spMetadata(), { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8" } });
}
