// Errors thrown by Apps Script services are not always instances of this realm's Error (and in
// the emulator they come from another realm), so read the message without instanceof.
export function errorMessage(err: unknown): string {
  if (
    err &&
    typeof err === "object" &&
    "message" in err &&
    typeof (err as { message: unknown }).message === "string"
  ) {
    return (err as { message: string }).message;
  }
  return String(err);
}
