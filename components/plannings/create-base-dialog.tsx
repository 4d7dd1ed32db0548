"use client";

import { useId, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { createBaseAction } from "@/lib/actions/plannings";
import { gridFieldErrors } from "@/lib/schemas/base";
import {
  MAX_DAY_MINUTES,
  SPLITS,
  WEEKDAYS,
  addDays,
  dayLabel,
  formatDuration,
  mondaysFrom,
  parseDay,
  splitLabel,
  stepMinutes,
  sundaysAfter,
  weeksBetween,
  type GridInput,
} from "@/lib/timetable-grid";

type Props = { planningId: string; planningName: string; defaults: GridInput; replaces: string | null; running: boolean };

const wholeOrNaN = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

/** F8 "Paramétrage de la grille horaire", opened by "Créer une base". */
export function CreateBaseDialog({ planningId, planningName, defaults, replaces, running }: Props) {
  const id = useId();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaults.name);
  const [firstMonday, setFirstMonday] = useState(defaults.firstMonday);
  const [lastSunday, setLastSunday] = useState(defaults.lastSunday);
  const [days, setDays] = useState<number[]>(defaults.workingDays);
  const [sequences, setSequences] = useState(String(defaults.sequencesPerDay));
  const [hours, setHours] = useState(String(Math.floor(defaults.sequenceMinutes / 60)));
  const [minutes, setMinutes] = useState(String(defaults.sequenceMinutes % 60));
  const [split, setSplit] = useState(defaults.split);
  // Once Valider has been tried, the rules are checked again at every change, so that a message
  // goes away as soon as the value is right; the server's own answers last until the next change.
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const mondays = useMemo(() => {
    const start = addDays(parseDay(defaults.firstMonday)!, -7 * 52);
    return mondaysFrom(start, 52 * 3);
  }, [defaults.firstMonday]);
  const sundays = sundaysAfter(firstMonday);
  const sequenceMinutes = wholeOrNaN(hours) * 60 + wholeOrNaN(minutes);
  const total = wholeOrNaN(sequences) * sequenceMinutes;
  const step = stepMinutes(sequenceMinutes, split);
  const grid = {
    name,
    firstMonday,
    lastSunday,
    workingDays: days,
    sequencesPerDay: wholeOrNaN(sequences),
    sequenceMinutes,
    split,
  };

  const errors = { ...serverErrors, ...(tried ? gridFieldErrors(grid) : {}) };
  const edited = () => setServerErrors({});

  function changeFirstMonday(value: string) {
    setFirstMonday(value);
    // Keep the same number of weeks when it still fits; the list offers only valid Sundays.
    const weeks = Math.min(Math.max(weeksBetween(firstMonday, lastSunday), 1), 62);
    setLastSunday(sundaysAfter(value)[weeks - 1]);
  }

  function toggleDay(iso: number) {
    edited();
    setDays((current) => (current.includes(iso) ? current.filter((d) => d !== iso) : [...current, iso].sort()));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    setTried(true);
    setServerErrors({});
    if (Object.keys(gridFieldErrors(grid)).length > 0) return;
    startTransition(async () => {
      const result = await createBaseAction({ planningId, grid });
      if (result.ok) {
        setOpen(false);
        router.refresh();
        return;
      }
      const fields = Object.fromEntries(
        Object.entries(result.fieldErrors ?? {}).map(([key, message]) => [key.replace(/^grid\./, ""), message]),
      );
      setServerErrors(fields);
      setFormError(result.formError ?? (Object.keys(fields).length ? null : "La création de la base a échoué."));
    });
  }

  const error = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;
  const described = (field: string) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });

  return (
    <>
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        <span aria-hidden="true">+</span> Créer une base
      </button>
      <ModalDialog
        wide
        open={open}
        title="Paramétrage de la grille horaire"
        onCancel={() => setOpen(false)}
        actions={
          <>
            <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
              Annuler
            </button>
            <button type="submit" form={`${id}-form`} className="btn-primary" disabled={pending || running}>
              {pending ? "Création…" : "Valider"}
            </button>
          </>
        }
      >
        <form id={`${id}-form`} noValidate onSubmit={submit} onChange={edited} className="space-y-4">
          <p className="text-slate-700">Planning {planningName}</p>
          {running && (
            <p className="field-error">
              Le serveur est en service : cliquez d&apos;abord sur « Arrêter le serveur » pour créer une nouvelle base.
            </p>
          )}
          {replaces && (
            <p className="rounded-md border border-amber-600 bg-amber-50 p-2 text-amber-900">
              La base en cours ({replaces}) sera remplacée : transférez-la d&apos;abord si vous voulez la conserver.
            </p>
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-name`} className="label">
              Nom de la nouvelle base :
            </label>
            <input
              id={`${id}-name`}
              className="input"
              value={name}
              maxLength={60}
              onChange={(e) => setName(e.target.value)}
              {...described("name")}
            />
            {error("name")}
          </div>

          <fieldset className="space-y-2">
            <legend className="font-semibold">Durée de votre emploi du temps</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-first`} className="label">
                  Premier lundi
                </label>
                <select
                  id={`${id}-first`}
                  className="input"
                  value={firstMonday}
                  onChange={(e) => changeFirstMonday(e.target.value)}
                  {...described("firstMonday")}
                >
                  {mondays.map((d) => (
                    <option key={d} value={d}>
                      {dayLabel(d)}
                    </option>
                  ))}
                </select>
                {error("firstMonday")}
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-last`} className="label">
                  Dernier dimanche
                </label>
                <select
                  id={`${id}-last`}
                  className="input"
                  value={lastSunday}
                  onChange={(e) => setLastSunday(e.target.value)}
                  {...described("lastSunday")}
                >
                  {sundays.map((d, i) => (
                    <option key={d} value={d}>
                      {dayLabel(d)} ({i + 1} {i === 0 ? "semaine" : "semaines"})
                    </option>
                  ))}
                </select>
                {error("lastSunday")}
              </div>
            </div>
            <p className="text-slate-600">Un emploi du temps peut recouvrir entre 1 et 62 semaines.</p>
          </fieldset>

          <fieldset className="space-y-2" {...described("workingDays")}>
            <legend className="font-semibold">Choisissez vos jours ouvrés (en blanc)</legend>
            <div className="flex flex-wrap gap-1">
              {WEEKDAYS.map((d) => {
                const on = days.includes(d.iso);
                return (
                  <button
                    key={d.iso}
                    type="button"
                    aria-pressed={on}
                    aria-label={d.long}
                    onClick={() => toggleDay(d.iso)}
                    className={`rounded-md border px-3 py-1.5 font-semibold ${
                      on ? "border-slate-600 bg-white text-slate-900" : "border-slate-400 bg-slate-300 text-slate-700 line-through"
                    }`}
                  >
                    {d.short}
                  </button>
                );
              })}
            </div>
            <p className="text-slate-600">
              Votre semaine peut comporter de 1 à 7 jours que vous enlevez ou remettez d&apos;un clic. Les jours en gris ne seront pas pris
              en compte dans la base.
            </p>
            {error("workingDays")}
          </fieldset>

          <fieldset className="space-y-2">
            <legend className="font-semibold">Découpage d&apos;une journée</legend>
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor={`${id}-sequences`} className="label">
                Nombre de séquences :
              </label>
              <input
                id={`${id}-sequences`}
                className="input w-20"
                inputMode="numeric"
                value={sequences}
                onChange={(e) => setSequences(e.target.value)}
                {...described("sequencesPerDay")}
              />
              <span>séquences</span>
            </div>
            <div className="flex flex-wrap items-center gap-2" role="group" aria-labelledby={`${id}-duration`}>
              <span id={`${id}-duration`} className="label">
                Durée d&apos;une séquence :
              </span>
              <input
                aria-label="Durée d'une séquence, heures"
                className="input w-16"
                inputMode="numeric"
                value={hours}
                onChange={(e) => setHours(e.target.value)}
                {...described("sequenceMinutes")}
              />
              <span aria-hidden="true">heures</span>
              <input
                aria-label="Durée d'une séquence, minutes"
                className="input w-16"
                inputMode="numeric"
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
                {...described("sequenceMinutes")}
              />
              <span aria-hidden="true">minutes</span>
            </div>
            {error("sequenceMinutes")}
            <p aria-live="polite" className={total > MAX_DAY_MINUTES ? "field-error" : undefined}>
              Durée totale d&apos;une journée : {Number.isFinite(total) ? formatDuration(total) : "—"}
              {total > MAX_DAY_MINUTES && " (plus de 24 heures)"}
            </p>
            {error("sequencesPerDay")}
            <p className="text-slate-600">
              La durée d&apos;une séquence sert au calcul des services des enseignants. 10 séquences de 60 minutes correspondent à une
              journée se déroulant entre 8h00 et 18h00.
            </p>
          </fieldset>

          <fieldset className="space-y-2" {...described("split")}>
            <legend className="font-semibold">Découpage d&apos;une séquence</legend>
            <div className="flex flex-wrap gap-3">
              {SPLITS.map((s) => (
                <label key={s} className="inline-flex items-center gap-1">
                  <input type="radio" name={`${id}-split`} checked={split === s} onChange={() => setSplit(s)} />
                  {splitLabel(s)}
                </label>
              ))}
            </div>
            <p aria-live="polite" className={step === null && Number.isFinite(sequenceMinutes) ? "field-error" : undefined}>
              Durée de chaque pas horaire : {step !== null ? formatDuration(step) : "—"}
            </p>
            {error("split")}
            <p className="text-slate-600">
              Le découpage des séquences permet de créer des cours en demi-heure, quart d&apos;heure... Un découpage en 2 crée 2 pas de 30
              min. permettant la création de cours de 30 minutes, 1h, 1h30, 2h00, 2h30...
            </p>
          </fieldset>

          <p role="alert" className="field-error">
            {formError}
          </p>
        </form>
      </ModalDialog>
    </>
  );
}
