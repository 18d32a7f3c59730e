/**
 * What a CSV cell must carry so that Excel, WPS and LibreOffice show exactly the text we wrote, and the exact
 * inverse the importers apply (decision 0080). Two marks, never both on one value:
 * - `="…"` around text a spreadsheet would turn into a number or a date (ID numbers, mobiles, landlines, credit
 *   codes, leading zeros, dates): the cell becomes a formula whose result is that text, which all three honour.
 * - a leading apostrophe on text starting with = + - @ (formula injection) or with an apostrophe itself, so
 *   that no cell is ever evaluated and removing one leading apostrophe on import is exact.
 */

/** Text made only of digits and number/date punctuation: spreadsheets would convert it. */
const CONVERTIBLE = /^[0-9][0-9.,:/\- eE%]*$/;
const FORMULA_START = /^[=+\-@\t\r']/;
const WRAPPED = /^="([^"]*)"$/;

/** The CSV form of a text value. */
export function protectText(value: string): string {
  if (value === '') return value;
  if (FORMULA_START.test(value)) return `'${value}`;
  if (CONVERTIBLE.test(value)) return `="${value}"`;
  return value;
}

/** The value a CSV cell stands for: undoes `protectText` (and the same marks typed by hand in a spreadsheet). */
export function unprotectText(cell: string): string {
  const wrapped = WRAPPED.exec(cell);
  if (wrapped) return wrapped[1];
  if (cell.startsWith("'")) return cell.slice(1);
  return cell;
}
