/**
 * Whether a scrolling box hides content below what it shows: a long sheet's criteria scroll in
 * their own box, and the judge must see that there is more than the rows in view.
 */

import { type RefObject, useCallback, useEffect, useLayoutEffect, useState } from 'react';

export function useMoreBelow(ref: RefObject<HTMLElement | null>): boolean {
  const [moreBelow, setMoreBelow] = useState(false);
  const measure = useCallback(() => {
    const box = ref.current;
    if (box) setMoreBelow(box.scrollTop + box.clientHeight < box.scrollHeight - 2);
  }, [ref]);

  // After every render: an error line or a reopened notice changes what fits.
  useLayoutEffect(measure);

  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    box.addEventListener('scroll', measure, { passive: true });
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    resized?.observe(box);
    return () => {
      box.removeEventListener('scroll', measure);
      resized?.disconnect();
    };
  }, [ref, measure]);

  return moreBelow;
}
