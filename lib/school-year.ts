/** The school year under way on `today`, by the year it starts: from August (March 2027 is 2026). */
export function currentSchoolYear(today = new Date()): number {
  return today.getMonth() >= 7 ? today.getFullYear() : today.getFullYear() - 1;
}
