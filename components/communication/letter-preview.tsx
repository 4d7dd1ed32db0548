"use client";

import { useEffect, useState } from "react";
import { previewLetterAction } from "@/lib/actions/communication";
import { failureMessage } from "@/lib/action-result";
import type { MergedLine } from "@/lib/letters/model-tags";
import type { Population } from "@/lib/letters/original-models";

type Props = { population: Population; modelId: string; withQr: boolean; recipientKey: string };

/** The "Aperçu": the server's merge of the first chosen recipient's letter, as the PDF prints it, its secrets masked. */
export function LetterPreview({ population, modelId, withQr, recipientKey }: Props) {
  const [merged, setMerged] = useState<{ lines: MergedLine[]; withQr: boolean } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    previewLetterAction({ population, modelId, withQr, recipientKey }).then((result) => {
      if (!current) return;
      setMerged(result.ok ? result.data : null);
      setPreviewError(result.ok ? null : failureMessage(result, "L'aperçu n'a pas pu être fait."));
    });
    return () => {
      current = false;
    };
  }, [population, modelId, withQr, recipientKey]);
  return (
    <>
      {previewError && <p className="field-error">{previewError}</p>}
      {merged && (
        <div
          aria-label="Aperçu du courrier"
          role="region"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled preview must take the focus to scroll by keyboard (axe's scrollable-region-focusable)
          tabIndex={0}
          className="max-h-64 overflow-auto rounded border border-slate-300 bg-white p-3"
        >
          {merged.lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a letter's line is its number; the lines are drawn again whole
            <p key={i} className={line.style === "title" ? "text-base font-bold" : line.style === "bold" ? "font-semibold" : ""}>
              {line.text || "\u00a0"}
            </p>
          ))}
          {merged.withQr && <p className="text-slate-600">[QR code]</p>}
        </div>
      )}
    </>
  );
}
