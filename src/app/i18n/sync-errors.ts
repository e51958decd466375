// A venue server's refusals and a failed connection in words, `sync.error.<code>` for every
// refusal code (src/app/sync/failure-message.ts). An area (areas.ts) loaded with the screens
// that connect a device: the sync panel, the judge's join screen and the projector's.

export const syncErrorsZh = {
  'sync.error.unreachable': '连不上场馆服务器，请检查 Wi-Fi 是否连接到场馆网络。',
  'sync.error.protocolTooOld': '本机的评分系统版本过旧，请刷新页面更新。',
  'sync.error.protocolTooNew': '场馆服务器的版本过旧，请组织者更新服务器。',
  'sync.error.unauthorized': '本机的授权已失效（超过一天未使用会过期，或已被组织者撤销），请重新加入。',
  'sync.error.malformedRequest': '请求格式有误，场馆服务器未接收：{detail}',
  'sync.error.malformedEvent': '记录格式有误，场馆服务器未接收：{detail}',
  'sync.error.tooLarge': '数据太大，场馆服务器无法接收（例如照片过大）。',
  'sync.error.organizerOnly': '只有组织者可以这样操作。',
  'sync.error.readOnlyDevice': '大屏只显示，不能提交记录。',
  'sync.error.forbiddenAuthor': '本机无权提交这条记录（不是本机评委的评分）。',
  'sync.error.foreignDevice': '这条记录不是本机产生的，本机不能代为提交。',
  'sync.error.eventConflict': '同步数据冲突，请导出本机记录并联系工作人员。',
  'sync.error.notClaimed': '场馆服务器尚未认领：请输入终端上显示的认领码并设置密码。',
  'sync.error.alreadyClaimed': '场馆服务器已被认领，请用组织者密码登录。',
  'sync.error.badClaimCode': '认领码不正确，请核对场馆服务器终端上显示的数字。',
  'sync.error.weakPassword': '密码太短：至少需要 6 个字符。',
  'sync.error.badPassword': '组织者密码不正确。',
  'sync.error.badJoinCode': '加入码不正确，请核对后重新输入。',
  'sync.error.tooManyAttempts': '尝试次数过多，请 {seconds} 秒后再试。',
  'sync.error.notFound': '场馆服务器上没有所请求的内容（这个地址可能不是场馆服务器）。',
  'sync.error.unknownEntity': '记录涉及的轮次、选手或评委在场馆服务器上不存在（可能已被删除）。',
  'sync.error.outsideOwnRound': '本机评委没有分配到这条记录所在的轮次。',
  'sync.error.invalidMark': '分值不符合该项的评分规则（超出满分，或不是允许的分值）。',
  'sync.error.revisionTooFar': '记录的版本号异常，场馆服务器未接收。',
  'sync.error.deviceTaken': '本机的设备编号已属于另一台设备，场馆服务器不让本机用它加入。请联系组织者。',
  'sync.error.deviceRevoked':
    '组织者已将本机移出。请组织者在“已加入的设备”中点“重新允许”，或给本机一个新的加入码。',
  'sync.error.insecureTransport': '组织者密码只能通过安全连接（https）或在场馆服务器电脑上输入。',
  'sync.error.tooManyDevices': '加入的设备已达上限，请组织者撤销不再使用的设备后再试。',
  'sync.error.purgedScope': '这条记录属于已清除的示例赛事或彩排，场馆服务器不再接收。',
  'sync.error.purgeRefused': '只能清除示例赛事或彩排轮次；已有真实评分的赛事不能清除。',
  'sync.error.votingClosed': '现在没有这位选手的投票，投票未开始或已结束。',
  'sync.error.invalidVote': '这一票的分值不在本轮投票的范围内。',
  'sync.error.tooManyPhones': '这个网络地址加入的手机已达上限。',
  'sync.error.tooManyRequests': '操作太频繁，请稍后再试。',
  'sync.error.required': '请填写此项',
} satisfies Record<string, string>;

export const syncErrorsEn: Record<keyof typeof syncErrorsZh, string> = {
  'sync.error.unreachable': 'Cannot reach the venue server: check that Wi-Fi is on the venue network.',
  'sync.error.protocolTooOld': 'This device’s app is too old: reload the page to update it.',
  'sync.error.protocolTooNew': 'The venue server is too old for this app: the organizer should update it.',
  'sync.error.unauthorized':
    'This device’s access is no longer valid (it expires after a day unused, or the organizer revoked it): join again.',
  'sync.error.malformedRequest': 'Malformed request, not accepted by the venue server: {detail}',
  'sync.error.malformedEvent': 'Malformed record, not accepted by the venue server: {detail}',
  'sync.error.tooLarge': 'Too large for the venue server (a photo that is too big, for example).',
  'sync.error.organizerOnly': 'Only the organizer may do this.',
  'sync.error.readOnlyDevice': 'The projector only shows: it does not send records.',
  'sync.error.forbiddenAuthor': 'This device may not send this record (not its judge’s marks).',
  'sync.error.foreignDevice': 'This record was made on another device: this one may not send it.',
  'sync.error.eventConflict': 'Sync conflict: export this device’s log and call the staff.',
  'sync.error.notClaimed':
    'The venue server is not claimed yet: enter the claim code from its terminal and choose a password.',
  'sync.error.alreadyClaimed': 'The venue server is already claimed: log in with the organizer password.',
  'sync.error.badClaimCode': 'Wrong claim code: check the digits in the venue server’s terminal.',
  'sync.error.weakPassword': 'Password too short: at least 6 characters.',
  'sync.error.badPassword': 'Wrong organizer password.',
  'sync.error.badJoinCode': 'Wrong code: check it and type it again.',
  'sync.error.tooManyAttempts': 'Too many attempts: try again in {seconds} s.',
  'sync.error.notFound': 'Not found on the venue server (this address may not be the venue server).',
  'sync.error.unknownEntity':
    'The round, contestant or judge of this record does not exist on the venue server (deleted, perhaps).',
  'sync.error.outsideOwnRound': 'This device’s judge is not assigned to the round of this record.',
  'sync.error.invalidMark':
    'The mark breaks the criterion’s rules (above its maximum, or not an allowed value).',
  'sync.error.revisionTooFar':
    'The record’s revision number is implausible: not accepted by the venue server.',
  'sync.error.deviceTaken':
    'This device’s id belongs to another device: the venue server does not let this one join with it. Ask the organizer.',
  'sync.error.deviceRevoked':
    'The organizer removed this device. Ask the organizer to readmit it (Devices that joined, Readmit) or to give it a new join code.',
  'sync.error.insecureTransport':
    'The organizer password is only accepted over a secure connection (https) or on the venue server’s own computer.',
  'sync.error.tooManyDevices':
    'Too many devices joined: the organizer should revoke the unused ones, then try again.',
  'sync.error.purgedScope':
    'This record belongs to the demo or a rehearsal that was wiped: the venue server no longer takes it.',
  'sync.error.purgeRefused':
    'Only the demo competition or a rehearsal round can be wiped; a competition with real marks cannot.',
  'sync.error.votingClosed': 'Voting for this contestant is not open: it has not started or it has ended.',
  'sync.error.invalidVote': 'This vote is outside what the round’s voting takes.',
  'sync.error.tooManyPhones': 'This network address has joined as many phones as allowed.',
  'sync.error.tooManyRequests': 'Too many requests: please try again in a moment.',
  'sync.error.required': 'Please fill this in',
};
