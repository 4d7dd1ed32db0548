/** F12: the PIN typed on the keypad — digits only, long enough, not guessable. */
const COMMON = new Set(["1212", "1122", "2580", "0852", "1004", "2000", "6969", "1313", "4321", "1010"]);

export function pinProblem(pin: string, minLength: number): string | null {
  if (!/^\d+$/.test(pin)) return "Le code PIN ne doit contenir que des chiffres.";
  if (pin.length < minLength) return `Le code PIN doit contenir au moins ${minLength} chiffres`;
  if (pin.length > 12) return "Le code PIN ne peut pas dépasser 12 chiffres.";
  const digits = [...pin].map(Number);
  const same = digits.every((d) => d === digits[0]);
  const ascending = digits.every((d, i) => i === 0 || d === (digits[i - 1] + 1) % 10);
  const descending = digits.every((d, i) => i === 0 || d === (digits[i - 1] + 9) % 10);
  if (same || ascending || descending || COMMON.has(pin)) {
    return "Ce code PIN est trop facile à deviner (chiffres identiques ou qui se suivent) : choisissez-en un autre.";
  }
  return null;
}
