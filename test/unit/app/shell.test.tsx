import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App';
import { useUiStore } from '../../../src/app/i18n/language';
import { en, translate, zhCN } from '../../../src/app/i18n/messages';

function renderAt(path: string, props: Parameters<typeof App>[0] = {}) {
  window.history.replaceState(null, '', path);
  return render(<App {...props} />);
}

beforeEach(() => {
  // jsdom has no layout: App scrolls to the top after a navigation.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
  localStorage.clear();
  useUiStore.setState({ lang: 'zh-CN' });
  document.documentElement.lang = 'zh-CN';
});

// `heading` is the page's h1, `shows` a text that only that page has (roles not built yet say so).
const roles = [
  { path: '/organizer', link: '进入组织者', zh: '组织者', heading: '赛事列表', shows: '载入示例赛事' },
  { path: '/judge', link: '进入评委', zh: '评委', heading: '评委', shows: '请输入您的 8 位评委码' },
  {
    path: '/stage',
    link: '主持台',
    zh: '主持台',
    heading: '主持台',
    // A new device, not logged in: the console says why it has no rounds (issue 12).
    shows: '本设备还没有登录场馆服务器，所以这里还没有轮次。',
  },
  { path: '/projector', link: '大屏', zh: '大屏', heading: '大屏', shows: '请在主持台选择轮次' },
  { path: '/results', link: '查看成绩', zh: '成绩', heading: '成绩', shows: '本设备上还没有赛事' },
];

describe('home page', () => {
  it('is in Chinese by default, with the four role cards', async () => {
    renderAt('/');
    // The home page is a lazy page as the others (routes.ts).
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('擂台 · Leitai 评分系统');
    const cards = screen.getAllByRole('listitem');
    expect(cards.map((card) => within(card).getByRole('heading', { level: 3 }).textContent)).toEqual([
      '组织者',
      '评委',
      '主持/大屏',
      '成绩',
    ]);
    const stageLinks = within(cards[2] as HTMLElement).getAllByRole('link');
    expect(stageLinks.map((link) => link.getAttribute('href'))).toEqual(['/stage', '/projector']);
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('switches to English, updates <html lang> and remembers the choice', async () => {
    const user = userEvent.setup();
    renderAt('/');
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Leitai · Competition Scoring');
    expect(screen.getByRole('link', { name: 'Open judge' })).toHaveAttribute('href', '/judge');
    expect(screen.queryByText('组织者')).not.toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Leitai · Competition Scoring');
    expect(localStorage.getItem('leitai.lang')).toBe('en');

    await user.click(screen.getByRole('button', { name: '中文' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('擂台 · Leitai 评分系统');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});

describe('routes', () => {
  it.each(roles)('renders the page at $path', async ({ path, zh, heading, shows }) => {
    renderAt(path);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect((await screen.findAllByText(shows, { exact: false })).length).toBeGreaterThan(0);
    expect(document.title).toBe(`${zh} · 擂台评分`);
  });

  it('renders role pages in English', async () => {
    useUiStore.getState().setLang('en');
    renderAt('/projector');
    expect(await screen.findByRole('heading', { level: 1, name: 'Projector' })).toBeInTheDocument();
    expect(screen.getByText('Choose a round on the host console')).toBeInTheDocument();
  });

  it('follows the links of the home page, and the back button returns', async () => {
    const user = userEvent.setup();
    renderAt('/');
    for (const role of roles) {
      await user.click(screen.getByRole('link', { name: role.link }));
      expect(window.location.pathname).toBe(role.path);
      expect(await screen.findByRole('heading', { level: 1, name: role.heading })).toBeInTheDocument();
      expect(screen.getByRole('main')).toHaveFocus();

      act(() => window.history.back());
      expect(
        await screen.findByRole('heading', { level: 1, name: '擂台 · Leitai 评分系统' }),
      ).toBeInTheDocument();
      expect(window.location.pathname).toBe('/');
    }
  });

  it('says so for an unknown path, and leads back home', async () => {
    const user = userEvent.setup();
    renderAt('/nowhere');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('找不到此页面');
    expect(screen.getByText('地址 /nowhere 不存在。')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: '返回首页' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('擂台 · Leitai 评分系统');
  });
});

describe('message catalogue', () => {
  it('has the same keys in zh-CN and en, none of them empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
    expect(translate('en', 'notFound.body', { path: '/x' })).toBe('There is no page at /x.');
  });
});
