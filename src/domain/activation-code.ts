/** The code as people type it, without the spaces and dashes of the printed groups. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s\-－—]/g, '');
}

/** The printed form of a code: groups of four digits. */
export function formatCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}
