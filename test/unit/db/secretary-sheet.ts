/**
 * 村党组织书记擂台比武's sheet: 内容 40, 形象风采 15, 语言表达 20, PPT制作 15, 综合印象 10, step 0.1.
 * A module of its own so that the browser tests seed it without this folder's database helpers.
 */
export const SECRETARY_SHEET = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'language', label: '语言表达', max: 2000 },
  { id: 'ppt', label: 'PPT制作', max: 1500 },
  { id: 'overall', label: '综合印象', max: 1000 },
];
