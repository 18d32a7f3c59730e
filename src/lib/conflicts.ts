/**
 * Runs a write whose unique indexes decide a form's refusal (a taken name, a taken mobile): an error `refusal`
 * recognises becomes its answer, any other error is thrown as it was.
 */
export async function refusingConflicts<T, R>(
  write: () => Promise<T>,
  refusal: (error: unknown) => R | null,
): Promise<T | R> {
  try {
    return await write();
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    throw error;
  }
}
