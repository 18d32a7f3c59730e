/** Normalises a mainland mobile number: strips +86/0086, spaces and dashes; null when it is not one. */
export function normaliseMobile(input: string): string | null {
  let v = input.replace(/[\s\-()（）]/g, '');
  if (v.startsWith('+86')) v = v.slice(3);
  else if (v.startsWith('0086')) v = v.slice(4);
  return /^1[3-9]\d{9}$/.test(v) ? v : null;
}

/** 138****1234. */
export function maskMobile(value: string): string {
  return `${value.slice(0, 3)}****${value.slice(7)}`;
}
