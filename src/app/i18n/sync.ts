// Messages of the sync status in the shell's header, on every screen (key prefix 'sync.'): the
// status line and the plain-http notice. The sync panel's own messages are the 'sync-panel'
// area, and the refusals' the 'sync-errors' area (areas.ts): they load with the panel and the
// join screens, not with every page.

export const syncZh = {
  'sync.online': '在线',
  'sync.offline': '离线',
  'sync.pending': '待发送 {count} 条',
  'sync.synced': '已同步',
  'sync.lastContact': '最后联系 {time}',
  'sync.notConnected': '未连接场馆服务器',
  'sync.localOnly': '仅存本机',
  'sync.connectHint': '本设备尚未连接场馆服务器：连接后，场馆服务器上的赛事会同步到这里。',
  'sync.connectAction': '连接场馆服务器',
  'sync.panelTitle': '同步状态',
  'sync.refusedCount': '拒收 {count} 条',
  'sync.insecure':
    '当前是普通连接（http）：本机无法离线使用评分系统，断网后刷新页面将打不开，记录仍会保存在本机。请改用安全连接（https）。',
  'sync.insecureSetup': '平板设置（安装场馆证书）',
} satisfies Record<string, string>;

export const syncEn: Record<keyof typeof syncZh, string> = {
  'sync.online': 'Online',
  'sync.offline': 'Offline',
  'sync.pending': '{count} waiting to send',
  'sync.synced': 'Synced',
  'sync.lastContact': 'Last contact {time}',
  'sync.notConnected': 'Not connected to the venue server',
  'sync.localOnly': 'On this device only',
  'sync.connectHint':
    'This device is not connected to the venue server: once it is, the competitions on the server arrive here.',
  'sync.connectAction': 'Connect to the venue server',
  'sync.panelTitle': 'Sync status',
  'sync.refusedCount': '{count} refused',
  'sync.insecure':
    'Plain connection (http): this device cannot use the app offline, so a reload without network will fail; records are still saved here. Use the secure connection (https).',
  'sync.insecureSetup': 'Tablet setup (install the venue certificate)',
};
