"use client";

import { useId, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { checkModel, mergeModel, MODEL_TAGS } from "@/lib/letters/model-tags";
import type { Population } from "@/lib/letters/original-models";
import { duplicateLetterModelAction, restoreOriginalModelAction, saveLetterModelAction } from "@/lib/actions/communication";
import type { ActionResult } from "@/lib/action-result";
import { dateFr } from "@/lib/letters/dates";
import { checkSmsModel, smsLengthLabel } from "@/lib/letters/sms-length";

type Model = { id: string; name: string; population: string; channel: string; originalKey: string | null; text: string };
type Sample = { loginId: string; lastName: string; firstName: string; civility: string };
type Props = {
  models: Model[];
  samples: Sample[];
  establishment: string;
  espaceAddress: string;
  /** The populations with the product's words, and the name of each one's Espace as its letters print it. */
  populations: { id: Population; label: string; espaceName: string }[];
};

/** F16 "Courriers et documents > Modèles": edit, duplicate, restore, preview. */
export function ModelsEditor({ models, samples, establishment, espaceAddress, populations }: Props) {
  const id = useId();
  const router = useRouter();
  const [selectedId, setSelectedId] = useState(models[0]?.id);
  const selected = models.find((m) => m.id === selectedId) ?? models[0];
  const [texts, setTexts] = useState<Record<string, string>>({});
  const text = texts[selected.id] ?? selected.text;
  const sms = selected.channel === "SMS";
  const problems = useMemo(() => [...checkModel(text), ...(sms ? checkSmsModel(text) : [])], [text, sms]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [preview, setPreview] = useState(false);
  const [sampleLogin, setSampleLogin] = useState(samples[0]?.loginId ?? "");
  const [pending, startTransition] = useTransition();

  function run<T>(action: () => Promise<ActionResult<T>>, done: string, after?: (data: T) => void) {
    setMessage(null);
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setMessage({ ok: true, text: done });
        after?.(result.data);
        router.refresh();
      } else {
        setMessage({ ok: false, text: result.fieldErrors?.text ?? result.formError ?? "L'opération a échoué." });
      }
    });
  }

  const sample = samples.find((s) => s.loginId === sampleLogin) ?? {
    loginId: "identifiant",
    lastName: "NOM",
    firstName: "Prénom",
    civility: "",
  };
  const population = populations.find((p) => p.id === selected.population);
  const merged =
    (preview || sms) && problems.length === 0
      ? mergeModel(text, {
          ...sample,
          password: "(mot de passe provisoire)",
          securityCode: "(code)",
          qrExpiry: dateFr(new Date(Date.now() + 30 * 86_400_000)),
          espaceAddress,
          espaceName: population?.espaceName ?? "",
          establishment,
          today: dateFr(new Date()),
        })
      : null;

  return (
    <div className="grid gap-4 md:grid-cols-[14rem_minmax(0,1fr)]">
      <nav aria-label="Modèles">
        {populations.map((p) => (
          <div key={p.id} className="mb-3">
            <p className="text-xs font-semibold uppercase text-slate-600">Modèles destinés aux {p.label.toLowerCase()}</p>
            <ul>
              {models
                .filter((m) => m.population === p.id)
                .map((m) => (
                  <li key={m.id}>
                    <button
                      type="button"
                      aria-current={m.id === selected.id ? "true" : undefined}
                      onClick={() => {
                        setSelectedId(m.id);
                        setMessage(null);
                      }}
                      className={`w-full rounded px-2 py-1 text-left text-sm ${m.id === selected.id ? "bg-brand text-white" : "hover:bg-slate-100"}`}
                    >
                      {m.name}
                    </button>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="min-w-0 space-y-3">
        <label htmlFor={`${id}-text`} className="label block">
          Texte du modèle « {selected.name} »
        </label>
        <textarea
          id={`${id}-text`}
          className="input h-80 w-full font-mono"
          value={text}
          onChange={(e) => setTexts({ ...texts, [selected.id]: e.target.value })}
          aria-invalid={problems.length > 0 ? true : undefined}
          aria-describedby={`${id}-problems ${id}-syntax${sms ? ` ${id}-sms` : ""}`}
        />
        <p id={`${id}-syntax`} className="text-sm text-slate-600">
          {sms
            ? "Un SMS : au plus 2 messages, sans QR code ; [[ et ]] écrivent un crochet."
            : "« # » en début de ligne : titre ; « * » : ligne en gras ; [[ et ]] écrivent un crochet."}
        </p>
        {sms && merged && (
          <p id={`${id}-sms`} aria-live="polite" className="text-sm">
            Longueur pour {sample.loginId} : {smsLengthLabel(merged.lines.map((l) => l.text).join("\n"))}
          </p>
        )}
        <ul id={`${id}-problems`} aria-live="polite" className="space-y-1">
          {problems.map((p) => (
            <li key={p.message} className="field-error">
              {p.message}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn-primary"
            disabled={pending || problems.length > 0}
            onClick={() => run(() => saveLetterModelAction({ modelId: selected.id, text }), "Modèle enregistré.")}
          >
            Enregistrer
          </button>
          <button
            type="button"
            className="btn-secondary"
            disabled={pending}
            onClick={() =>
              run(
                () => duplicateLetterModelAction({ modelId: selected.id }),
                "Modèle dupliqué.",
                (data) => setSelectedId(data.id),
              )
            }
          >
            Dupliquer la sélection
          </button>
          <button
            type="button"
            className="btn-secondary"
            disabled={pending || !selected.originalKey}
            onClick={() =>
              run(
                () => restoreOriginalModelAction({ modelId: selected.id }),
                "Le courrier original est restauré.",
                (data) => setTexts({ ...texts, [selected.id]: data.text }),
              )
            }
          >
            Restaurer l&apos;original
          </button>
          <button type="button" className="btn-secondary" aria-expanded={preview} onClick={() => setPreview(!preview)}>
            Aperçu
          </button>
        </div>
        <p role="status" className={message?.ok ? "text-sm text-ok" : "field-error"}>
          {message?.text}
        </p>
        {preview && (
          <section aria-label="Aperçu du courrier" className="space-y-2 rounded-md border border-slate-300 p-4">
            {samples.length > 0 && (
              <div className="flex flex-wrap items-center gap-2">
                <label htmlFor={`${id}-sample`} className="label">
                  Destinataire de l&apos;aperçu
                </label>
                <select id={`${id}-sample`} className="input" value={sampleLogin} onChange={(e) => setSampleLogin(e.target.value)}>
                  {samples.map((s) => (
                    <option key={s.loginId} value={s.loginId}>
                      {s.lastName} {s.firstName} ({s.loginId})
                    </option>
                  ))}
                </select>
              </div>
            )}
            {merged ? (
              <div className="bg-white p-4 text-sm shadow-inner">
                {merged.withQr && (
                  <div className="float-right ml-4 flex h-24 w-24 items-center justify-center border-2 border-dashed border-slate-500 text-xs">
                    QR code
                  </div>
                )}
                {merged.lines.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a letter's line is its number; the lines are drawn again whole
                  <p key={i} className={line.style === "title" ? "text-lg font-bold" : line.style === "bold" ? "font-semibold" : undefined}>
                    {line.text || " "}
                  </p>
                ))}
              </div>
            ) : (
              <p className="field-error">Corrigez d&apos;abord les balises du modèle.</p>
            )}
          </section>
        )}
        <details className="text-sm">
          <summary className="cursor-pointer font-semibold">Balises disponibles</summary>
          <ul className="mt-2 grid gap-1 sm:grid-cols-2">
            {MODEL_TAGS.map((t) => (
              <li key={t.tag}>
                <code>[{t.tag}]</code> — {t.help}
              </li>
            ))}
          </ul>
        </details>
      </div>
    </div>
  );
}
