/** Names with a middle dot wrap after the dot only (issue 12): 阿依古丽· / 买买提. */

import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PersonName } from '../../../src/app/judge/PersonName';

const html = (name: string) => render(<PersonName name={name} />).container.innerHTML;

describe('PersonName', () => {
  it('offers a line break right after each dot of a name, and nowhere else', () => {
    expect(html('阿依古丽·买买提')).toBe('<span class="person-name">阿依古丽·<wbr>买买提</span>');
    expect(html('努尔·艾力·买买提')).toBe('<span class="person-name">努尔·<wbr>艾力·<wbr>买买提</span>');
    expect(html('迪丽热巴・迪力木拉提')).toBe('<span class="person-name">迪丽热巴・<wbr>迪力木拉提</span>');
  });

  it('leaves a name without a dot as it is', () => {
    expect(html('张建国')).toBe('<span class="person-name">张建国</span>');
  });
});
