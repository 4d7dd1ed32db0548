/** "850 octets", "1,2 Ko", "3,4 Mo": a file's size as the console's screens and e-mails write it. */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, "Ko"] : [bytes / 1024 ** 2, "Mo"];
  return `${value.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} ${unit}`;
}
