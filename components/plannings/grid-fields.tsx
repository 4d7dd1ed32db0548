"use client";

import { useMemo, useState } from "react";
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

const wholeOrNaN = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

/** The timetable grid of F8 as typed: its fields, what follows from them, and the grid to send. */
export function useGridForm(defaults: GridInput, onEdit: () => void) {
  const [firstMonday, setFirstMonday] = useState(defaults.firstMonday);
  const [lastSunday, setLastSunday] = useState(defaults.lastSunday);
  const [days, setDays] = useState<number[]>(defaults.workingDays);
  const [sequences, setSequences] = useState(String(defaults.sequencesPerDay));
  const [hours, setHours] = useState(String(Math.floor(defaults.sequenceMinutes / 60)));
  const [minutes, setMinutes] = useState(String(defaults.sequenceMinutes % 60));
  const [split, setSplit] = useState(defaults.split);

  const mondays = useMemo(() => {
    const start = addDays(parseDay(defaults.firstMonday)!, -7 * 52);
    return mondaysFrom(start, 52 * 3);
  }, [defaults.firstMonday]);
  const sundays = sundaysAfter(firstMonday);
  const sequenceMinutes = wholeOrNaN(hours) * 60 + wholeOrNaN(minutes);
  const total = wholeOrNaN(sequences) * sequenceMinutes;
  const step = stepMinutes(sequenceMinutes, split);
  const grid = {
    firstMonday,
    lastSunday,
    workingDays: days,
    sequencesPerDay: wholeOrNaN(sequences),
    sequenceMinutes,
    split,
  };

  function changeFirstMonday(value: string) {
    setFirstMonday(value);
    // Keep the same number of weeks when it still fits; the list offers only valid Sundays.
    const weeks = Math.min(Math.max(weeksBetween(firstMonday, lastSunday), 1), 62);
    setLastSunday(sundaysAfter(value)[weeks - 1]);
  }

  function toggleDay(iso: number) {
    onEdit();
    setDays((current) => (current.includes(iso) ? current.filter((d) => d !== iso) : [...current, iso].sort()));
  }

  return {
    grid,
    mondays,
    sundays,
    total,
    step,
    sequenceMinutes,
    values: { firstMonday, lastSunday, days, sequences, hours, minutes, split },
    set: { setLastSunday, setSequences, setHours, setMinutes, setSplit },
    changeFirstMonday,
    toggleDay,
  };
}

type GridForm = ReturnType<typeof useGridForm>;

/** "Durée de votre emploi du temps", "jours ouvrés", "Découpage d'une journée", "d'une séquence". */
export function GridFields({
  id,
  form,
  error,
  described,
}: {
  id: string;
  form: GridForm;
  error: (field: string) => React.ReactNode;
  described: (field: string) => React.AriaAttributes;
}) {
  const { mondays, sundays, total, step, sequenceMinutes, changeFirstMonday, toggleDay } = form;
  const { firstMonday, lastSunday, days, sequences, hours, minutes, split } = form.values;
  const { setLastSunday, setSequences, setHours, setMinutes, setSplit } = form.set;
  return (
    <>
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
          Votre semaine peut comporter de 1 à 7 jours que vous enlevez ou remettez d&apos;un clic. Les jours en gris ne seront pas pris en
          compte dans la base.
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
          La durée d&apos;une séquence sert au calcul des services des enseignants. 10 séquences de 60 minutes correspondent à une journée
          se déroulant entre 8h00 et 18h00.
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
          Le découpage des séquences permet de créer des cours en demi-heure, quart d&apos;heure... Un découpage en 2 crée 2 pas de 30 min.
          permettant la création de cours de 30 minutes, 1h, 1h30, 2h00, 2h30...
        </p>
      </fieldset>
    </>
  );
}
