/** What a season form said after its last action: a refusal as an alert, anything else as a status. */
export function FormMessage({ message }: { message: { text: string; error: boolean } }) {
  return (
    <p className={message.error ? 'season-error' : 'season-status'} role={message.error ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}
