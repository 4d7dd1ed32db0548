import { guidePath } from "@/lib/guide-paths";

/** Where a reader of the guide looks for a Client command: its words, and its place in the console. */
export function GuideSignpost({ path }: { path: string }) {
  const { client, here, fiche } = guidePath(path);
  return (
    <p role="note" className="rounded-md border-l-4 border-sky-700 bg-sky-50 px-3 py-1.5 text-sm">
      <span className="font-semibold">Dans le Client (Fiche n°{fiche}) :</span> {client} — <span className="font-semibold">ici :</span>{" "}
      {here}
    </p>
  );
}
