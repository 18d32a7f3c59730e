/**
 * What a CSV cell must carry so that Excel, WPS and LibreOffice show exactly the text we wrote, never evaluate it,
 * and never turn it into a number or a date; and the exact inverse the importers apply (decision 0083).
 * - Text a spreadsheet would convert (ID numbers, mobiles, landlines, all-digit credit codes, leading zeros,
 *   dates) or evaluate (starting with = + - @, tab, CR, or an apostrophe) is written as the string formula
 *   `="…"` (quotes doubled): all three show its result, which is the text itself; a string literal calls nothing.
 * - A formula's string literal holds at most 255 characters and no line break: such text, if it starts like a
 *   formula, gets one leading apostrophe instead (shown, never evaluated).
 */

/** Text made only of digits and number/date punctuation: spreadsheets would convert it. */
const CONVERTIBLE = /^[0-9][0-9.,:/\- eE%]*$/;
const FORMULA_START = /^[=+\-@\t\r']/;
const WRAPPED = /^="((?:[^"]|"")*)"$/;

/** The CSV form of a text value. */
export function protectText(value: string): string {
  const formulaLike = FORMULA_START.test(value);
  if (!formulaLike && !CONVERTIBLE.test(value)) return value;
  if (value.length <= 255 && !/[\r\n]/.test(value)) return `="${value.replace(/"/g, '""')}"`;
  return formulaLike ? `'${value}` : value;
}

/** The value a CSV cell stands for: undoes `protectText` (and the same marks typed by hand in a spreadsheet). */
export function unprotectText(cell: string): string {
  const wrapped = WRAPPED.exec(cell);
  if (wrapped) return wrapped[1].replace(/""/g, '"');
  if (cell.startsWith("'")) return cell.slice(1);
  return cell;
}
