/**
 * A person's name that wraps only where a reader would break it: after the middle dot of a
 * transliterated name (阿依古丽·买买提 → 阿依古丽· / 买买提), never inside one of its parts and
 * never before the dot. `.person-name` (judge.css) keeps the parts whole.
 */

import { Fragment } from 'react';

/** Splits after each dot that joins the parts of a name (the middle dot and its look-alikes). */
const AFTER_NAME_DOT = /(?<=[·・•‧])/;

export function PersonName({ name }: { name: string }) {
  const parts = name.split(AFTER_NAME_DOT);
  return (
    <span className="person-name">
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one name never move
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
