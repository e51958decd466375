// Messages of the offline app itself (src/app/pwa): keeping this device's data, and updates.
// Shell messages: they can appear on any screen. Words follow /work/shared/glossary.md.

export const pwaZh = {
  'pwa.storage.heading': '本机数据',
  'pwa.storage.persisted': '浏览器已同意长期保存本机数据。',
  'pwa.storage.refused': '浏览器没有同意长期保存本机数据：存储空间紧张时可能被清除。',
  'pwa.storage.unavailable': '此浏览器不能长期保存本机数据（需要安全连接 https 或本机地址）。',
  'pwa.storage.asking': '正在向浏览器申请长期保存本机数据…',
  'pwa.storage.notAsked': '尚未申请长期保存本机数据（进入评委、组织者或主持台页面时申请）。',
  'pwa.storage.ask': '申请长期保存',
  'pwa.storage.iosTab':
    '在 iPad/iPhone 的浏览器标签页中，7 天未打开本站，浏览器会清除本机的评分数据。请点“分享”→“添加到主屏幕”，以后从主屏幕上的“擂台评分”打开。',
  'pwa.storage.installHint':
    '请安装本应用（浏览器菜单中的“安装应用”或“添加到主屏幕”），并保持与场馆服务器同步，以免数据只存在本机。',
  'pwa.storage.warningLabel': '本机数据提醒',
} satisfies Record<string, string>;

export const pwaEn: Record<keyof typeof pwaZh, string> = {
  'pwa.storage.heading': 'Data on this device',
  'pwa.storage.persisted': 'The browser agreed to keep this device’s data.',
  'pwa.storage.refused':
    'The browser did not agree to keep this device’s data: it may be cleared when storage runs low.',
  'pwa.storage.unavailable':
    'This browser cannot keep this device’s data for good (it needs a secure https or local address).',
  'pwa.storage.asking': 'Asking the browser to keep this device’s data…',
  'pwa.storage.notAsked':
    'Not asked yet: the judge, organizer and host console pages ask the browser to keep their data.',
  'pwa.storage.ask': 'Ask to keep the data',
  'pwa.storage.iosTab':
    'In a browser tab on iPad or iPhone, the scores on this device are cleared after 7 days without opening this site. Tap Share → Add to Home Screen, then open 擂台评分 from the home screen.',
  'pwa.storage.installHint':
    'Install the app (Install app or Add to Home Screen in the browser’s menu) and keep it synced with the venue server, so the data is not only on this device.',
  'pwa.storage.warningLabel': 'About this device’s data',
};
