export function usage(text: string): void;
