/**
 * A message with a person's name in it, the name kept on one line: a line may break before or
 * after 阿依古丽·买买提, never inside it.
 */
export function WithWholeName({ text, name }: { text: string; name: string }) {
  const at = name === '' ? -1 : text.lastIndexOf(name);
  if (at < 0) return <>{text}</>;
  // One inline run: in a flex container (a .button) the parts would otherwise be laid out apart.
  return (
    <span>
      {text.slice(0, at)}
      <span className="whole-name">{name}</span>
      {text.slice(at + name.length)}
    </span>
  );
}
