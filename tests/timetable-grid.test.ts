import { describe, expect, it } from "vitest";
import { gridSchema, gridFieldErrors } from "@/lib/schemas/base";
import { dayLabel, defaultGrid, formatDuration, stepMinutes, sundaysAfter, mondaysFrom, weeksBetween } from "@/lib/timetable-grid";

/** The guide's values: 12 sequences of 1 hour, split in 2, Monday to Friday. */
const guide = {
  name: "Base 2026",
  firstMonday: "2026-08-31",
  lastSunday: "2027-07-04",
  workingDays: [1, 2, 3, 4, 5],
  sequencesPerDay: 12,
  sequenceMinutes: 60,
  split: 2,
};

const errorsOf = (change: Partial<typeof guide>) => gridFieldErrors({ ...guide, ...change });

describe("F8 Paramétrage de la grille horaire — the guide's rules at their limits", () => {
  it("accepts the guide's values and computes its figures", () => {
    expect(gridSchema.safeParse(guide).success).toBe(true);
    expect(formatDuration(12 * 60)).toBe("12h00");
    expect(formatDuration(stepMinutes(60, 2)!)).toBe("00h30");
    expect(dayLabel("2025-09-01")).toBe("lun. 01 sept. 2025");
    expect(dayLabel("2026-07-05")).toBe("dim. 05 juil. 2026");
  });

  it("offers by default the Monday of the week of 1 September and the first Sunday of July", () => {
    expect(defaultGrid(2026)).toEqual(guide);
    expect(weeksBetween(guide.firstMonday, guide.lastSunday)).toBe(44);
  });

  it("covers 1 to 62 weeks, no fewer, no more", () => {
    expect(errorsOf({ firstMonday: "2026-08-31", lastSunday: "2026-09-06" })).toEqual({});
    expect(weeksBetween("2026-08-31", "2026-09-06")).toBe(1);
    const sixtySecond = sundaysAfter("2026-08-31")[61];
    expect(weeksBetween("2026-08-31", sixtySecond)).toBe(62);
    expect(errorsOf({ lastSunday: sixtySecond })).toEqual({});
    expect(errorsOf({ firstMonday: "2026-08-31", lastSunday: "2027-11-14" })).toEqual({
      lastSunday: "Un emploi du temps peut recouvrir entre 1 et 62 semaines : vous en avez choisi 63.",
    });
    expect(errorsOf({ firstMonday: "2026-08-31", lastSunday: "2026-08-30" })).toEqual({
      lastSunday: "Le dernier dimanche doit suivre le premier lundi.",
    });
  });

  it("takes only a Monday first and a Sunday last, real days of the calendar", () => {
    expect(errorsOf({ firstMonday: "2026-09-01" }).firstMonday).toBe("Le premier jour de l'emploi du temps doit être un lundi.");
    expect(errorsOf({ lastSunday: "2027-07-03" }).lastSunday).toBe("Le dernier jour de l'emploi du temps doit être un dimanche.");
    expect(errorsOf({ firstMonday: "2026-02-30" }).firstMonday).toBe("Choisissez une date.");
    expect(errorsOf({ firstMonday: "31/08/2026" }).firstMonday).toBe("Choisissez une date.");
    expect(mondaysFrom(new Date(Date.UTC(2026, 10, 22)), 2)).toEqual(["2026-11-23", "2026-11-30"]);
    expect(sundaysAfter("2026-08-31")).toHaveLength(62);
  });

  it("keeps 1 to 7 working days, each once", () => {
    expect(errorsOf({ workingDays: [1, 2, 3, 4, 5, 6, 7] })).toEqual({});
    expect(errorsOf({ workingDays: [3] })).toEqual({});
    expect(errorsOf({ workingDays: [] }).workingDays).toMatch(/de 1 à 7 jours/);
    expect(errorsOf({ workingDays: [1, 1] }).workingDays).toBe("Un jour est choisi deux fois.");
    expect(errorsOf({ workingDays: [0] }).workingDays).toBe("Jour inconnu.");
    expect(errorsOf({ workingDays: [8] }).workingDays).toBe("Jour inconnu.");
  });

  it("keeps a day within 24 hours", () => {
    expect(errorsOf({ sequencesPerDay: 24, sequenceMinutes: 60 })).toEqual({});
    expect(errorsOf({ sequencesPerDay: 1, sequenceMinutes: 1440, split: 1 })).toEqual({});
    expect(errorsOf({ sequencesPerDay: 25, sequenceMinutes: 60 })).toEqual({
      sequencesPerDay: "Une journée ne peut pas dépasser 24 heures : la durée totale serait de 25h00.",
    });
    expect(errorsOf({ sequencesPerDay: 1441, sequenceMinutes: 1, split: 1 }).sequencesPerDay).toMatch(/24 heures/);
    expect(errorsOf({ sequencesPerDay: 0 }).sequencesPerDay).toBe("Une journée comporte au moins une séquence.");
    expect(errorsOf({ sequencesPerDay: 2.5 }).sequencesPerDay).toBe("Saisissez un nombre entier de séquences.");
    expect(errorsOf({ sequencesPerDay: Number.NaN }).sequencesPerDay).toBe("Saisissez un nombre entier de séquences.");
    expect(errorsOf({ sequenceMinutes: 0 }).sequenceMinutes).toBe("Une séquence dure au moins une minute.");
  });

  it("splits a sequence only into whole minutes, in 2, 3, 4, 6, 12 or not at all", () => {
    for (const split of [1, 2, 3, 4, 6, 12]) expect(errorsOf({ split })).toEqual({});
    expect(errorsOf({ sequenceMinutes: 50, split: 3 })).toEqual({
      split: "Un découpage en 3 d'une séquence de 50 minutes ne donne pas un pas horaire d'un nombre entier de minutes.",
    });
    expect(errorsOf({ sequenceMinutes: 55, split: 1 })).toEqual({});
    expect(errorsOf({ split: 5 }).split).toMatch(/en 2, en 3, en 4, en 6, en 12 ou Aucun/);
    expect(formatDuration(stepMinutes(60, 12)!)).toBe("00h05");
  });

  it("names the base, without markup", () => {
    expect(errorsOf({ name: "  " }).name).toBe("Saisissez le nom de la nouvelle base.");
    expect(errorsOf({ name: "<script>" }).name).toMatch(/ni < >/);
    expect(errorsOf({ name: "x".repeat(61) }).name).toMatch(/60 caractères/);
  });
});
