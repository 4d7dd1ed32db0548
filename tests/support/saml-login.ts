import { SAML_USERS } from "./saml-users.mjs";

const decode = (s: string) => s.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#039;", "'");

/**
 * What a browser does at the test IdP (scripts/saml-idp.mjs): the console's authentication request
 * followed, the login form filled in, and the SAMLResponse and RelayState its auto-posting form
 * would send to the console. Throws when the IdP refuses.
 */
export async function samlResponse(authorizeUrl: string, login: string, password = SAML_USERS[login].password) {
  let jar: string[] = [];
  const go = async (url: string, init: RequestInit = {}) => {
    const answer = await fetch(url, { redirect: "manual", ...init, headers: { ...(init.headers ?? {}), cookie: jar.join("; ") } });
    for (const cookie of answer.headers.getSetCookie()) {
      const pair = cookie.split(";")[0];
      jar = [...jar.filter((c) => c.split("=")[0] !== pair.split("=")[0]), pair];
    }
    return answer;
  };
  let answer = await go(authorizeUrl);
  const loginPage = new URL(answer.headers.get("location")!, authorizeUrl);
  answer = await go(loginPage.href);
  const authState = decode(/name="AuthState" value="([^"]+)"/.exec(await answer.text())![1]);
  answer = await go(loginPage.href, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: login, password, AuthState: authState }).toString(),
  });
  // The IdP's way back: redirects, then the page whose form posts to the console.
  while (answer.status >= 300 && answer.status < 400) answer = await go(new URL(answer.headers.get("location")!, loginPage).href);
  const page = await answer.text();
  const fields = Object.fromEntries([...page.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]));
  if (!fields.SAMLResponse) throw new Error(`L'IdP n'a pas donné de réponse SAML (${answer.status})`);
  return { SAMLResponse: fields.SAMLResponse, RelayState: fields.RelayState ?? "" };
}
