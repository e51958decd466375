/** A padlock drawn inline: an emoji 🔒 depends on the tablet having an emoji font. */
export function LockIcon() {
  return (
    <svg
      className="lock-icon"
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1h1zm2 0h6V7a3 3 0 0 0-6 0v3z"
        fill="currentColor"
      />
    </svg>
  );
}
