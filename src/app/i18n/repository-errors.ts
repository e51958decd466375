// The repository's refusals in words (src/db/errors.ts: RepositoryReasons and RepositoryFields),
// an area that loads when the first screen that may show a refusal mounts (error-text.ts).
// `{field}` is the field's own text below, filled with its parameters; a list is joined in the
// language's way.
// TypeScript checks that every reason and every field has a text in both languages, with
// exactly the placeholders of its parameters (`checked`).

import type { FieldName, ReasonName, RepositoryFields, RepositoryReasons } from '../../db/repository';

type ReasonKey = `repository.reason.${ReasonName}`;
type FieldKey = `repository.field.${FieldName}`;

type Placeholders<Text> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
type ParamsOf<Key> = Key extends `repository.reason.${infer R extends ReasonName}`
  ? RepositoryReasons[R]
  : Key extends `repository.field.${infer F extends FieldName}`
    ? RepositoryFields[F]
    : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A text whose placeholders differ from its parameters' names is turned into a type error. */
type PlaceholdersMatch<Table> = {
  [Key in keyof Table]: Same<Placeholders<Table[Key]>, Extract<keyof ParamsOf<Key>, string>> extends true
    ? Table[Key]
    : { placeholders: Extract<keyof ParamsOf<Key>, string> };
};

function checked<const Table extends Record<string, string>>(
  table: Table & NoInfer<PlaceholdersMatch<Table>> & Record<ReasonKey | FieldKey, string>,
) {
  return table;
}

export const repositoryErrorsZh = checked({
  'repository.field.competitionName': '赛事名称',
  'repository.field.competitionDate': '比赛日期',
  'repository.field.venue': '比赛地点',
  'repository.field.issuer': '颁奖单位（落款）',
  'repository.field.roundName': '轮次名称',
  'repository.field.fullMark': '评分表的满分合计',
  'repository.field.audienceWindow': '大众投票的时长（秒）',
  'repository.field.judgeName': '评委姓名',
  'repository.field.judgeTitle': '评委“{judge}”的职务或单位',
  'repository.field.judgeWeight': '评委“{judge}”的权重',
  'repository.field.judgeUnit': '评委“{judge}”的回避单位',
  'repository.field.recusalUnit': '评委“{judge}”的回避单位',
  'repository.field.contestantName': '选手姓名',
  'repository.field.contestantUnit': '选手“{contestant}”的单位',
  'repository.field.contestantTopic': '选手“{contestant}”的题目',
  'repository.field.contestantDraw': '选手“{contestant}”的出场顺序',
  'repository.field.criterionName': '第 {position} 个评分项的名称',
  'repository.field.criterionMax': '评分项“{criterion}”的满分',
  'repository.field.criterionPoints': '评分项“{criterion}”的分值',
  'repository.field.criterionStep': '评分项“{criterion}”的最小分值单位',
  'repository.field.timeLimit': '每位选手的时间限制（秒）',
  'repository.field.overtimeInterval': '超时扣分的间隔（秒）',
  'repository.field.overtimePoints': '每次超时扣分',
  'repository.field.adjustmentLabel': '加减分项目',
  'repository.field.adjustmentReason': '加减分理由',
  'repository.field.revokeReason': '撤销理由',
  'repository.field.correctionReason': '修改理由',
  'repository.field.decisionNote': '处理意见',
  'repository.field.rejectionReason': '驳回理由',
  'repository.field.drawSeed': '抽签种子',
  'repository.field.overrideReason': '仍要公布的理由',
  'repository.field.confirmedTotal': '总分',
  'repository.field.seasonName': '积分周期名称',
  'repository.field.memberName': '成员姓名',
  'repository.field.memberUnit': '成员“{member}”的单位',
  'repository.field.seasonItem': '积分事项',
  'repository.field.seasonReason': '理由',
  'repository.reason.textRequired': '{field}不能为空',
  'repository.reason.textTooLong': '{field}不能超过 {max} 个字',
  'repository.reason.notPositiveHundredths': '{field}必须大于 0，且最多两位小数',
  'repository.reason.wholeNumberFrom': '{field}必须是不小于 {min} 的整数',
  'repository.reason.wholeNumberBetween': '{field}必须是 {min} 到 {max} 的整数',
  'repository.reason.noCriteria': '评分标准至少要有一个评分项',
  'repository.reason.maxNotMultipleOfStep':
    '评分项“{criterion}”的满分 {max} 不是最小分值单位 {step} 的整数倍',
  'repository.reason.duplicateCriterionId': '评分项“{criterion}”的编号与另一个评分项重复',
  'repository.reason.engineRules': '{issues}',
  'repository.reason.overtimeWithoutLimit': '设置超时扣分前，请先设置时间限制',
  'repository.reason.audienceGroupUnknown': '大众投票计入的评委组“{group}”不在本轮的评委分组中',
  'repository.reason.audienceCriterionInvalid':
    '大众投票的评分项应由评委组“{group}”打分，且为 0 到 {max} 的整数分',
  'repository.reason.judgeGroupUnknown': '评委“{judge}”的评委组“{group}”不是本赛事任何一轮的评委组',
  'repository.reason.dateInvalid': '比赛日期“{text}”无效，请按 2026-05-20 的格式填写',
  'repository.reason.statusInvalid': '选手“{contestant}”的状态无效',
  'repository.reason.sitesInvalid':
    '选手“{contestant}”的观摩点无效：每个观摩点要有名称（不超过 100 字），时间按 09:30 的格式填写，至多 20 个',
  'repository.reason.photoTooLarge': '照片不能超过 {megabytes} MB，请先压缩',
  'repository.reason.timerInvalid': '计时必须是不小于 0 的整毫秒数，收到 {value}',
  'repository.reason.competitionNotFound': '找不到该赛事，可能已被删除',
  'repository.reason.roundNotFound': '找不到该轮次，可能已被删除',
  'repository.reason.judgeNotInRound': '本轮次没有这位评委',
  'repository.reason.judgeNotInCompetition': '本赛事没有这位评委',
  'repository.reason.contestantNotInRound': '本轮次没有这位选手',
  'repository.reason.criterionNotInRound': '该评分项不在本轮次的评分标准中',
  'repository.reason.judgeNotFound': '找不到这位评委，可能已被组织者删除',
  'repository.reason.judgeUnassigned': '评委“{judge}”还没有分配到任何轮次',
  'repository.reason.deviceNotBound': '本机尚未绑定评委',
  'repository.reason.confirmationNotFound': '找不到主持人的确认请求',
  'repository.reason.adjustmentNotFound': '找不到该加减分记录',
  'repository.reason.correctionNotFound': '找不到该修改申请',
  'repository.reason.competitionHasMarks':
    '赛事“{competition}”的轮次“{round}”已有评委打分，不能删除；可以将赛事归档',
  'repository.reason.roundHasMarks': '轮次“{round}”已有评委打分，不能删除',
  'repository.reason.criterionHasMarks': '已有评委在被删除的评分项上打分，不能删除该评分项',
  'repository.reason.criterionMarkOutOfRange':
    '评分项“{criterion}”已有 {value} 分的打分，不能改为满分 {max}、最小分值单位 {step}',
  'repository.reason.judgeHasMarks': '评委“{judge}”已经打分，不能删除',
  'repository.reason.judgeHasMarksInRound': '评委“{judge}”已在“{round}”打分，不能取消该轮次',
  'repository.reason.contestantHasMarks':
    '选手“{contestant}”已有评委打分，不能删除；如需取消成绩，请将其设为退赛',
  'repository.reason.foreignRoundJudges': '轮次“{round}”不属于本赛事，不能沿用它的评委',
  'repository.reason.roundOrderIncomplete': '轮次顺序必须恰好包含本赛事的每个轮次各一次',
  'repository.reason.tooManyRecusalUnits': '评委“{judge}”的回避单位不能超过 {max} 个',
  'repository.reason.drawTaken': '出场顺序 {draw} 重复（选手“{contestant}”）',
  'repository.reason.importRefused': '导入失败，没有导入任何数据：共 {count} 处错误',
  'repository.reason.sameNameAndUnit': '已有同名同单位的选手“{contestant}”',
  'repository.reason.advanceClashes': '轮次“{round}”已有同名同单位的选手，没有复制任何选手：{contestants}',
  'repository.reason.advanceToSameRound': '晋级的目标轮次不能是本轮次',
  'repository.reason.advanceAcrossCompetitions': '只能晋级到同一赛事的轮次',
  'repository.reason.nobodyAdvances': '没有晋级的选手',
  'repository.reason.advanceDuplicate': '晋级名单中有重复的选手',
  'repository.reason.notDemo': '赛事“{competition}”不是示例赛事，不能清除；可以将赛事归档',
  'repository.reason.notRehearsal': '轮次“{round}”不是彩排轮次，不能清除',
  'repository.reason.alreadyRehearsal': '“{round}”本身就是彩排轮次',
  'repository.reason.rehearsalRunning': '轮次“{round}”的彩排已在进行，请先结束彩排并清除',
  'repository.reason.rehearsalNoContestants': '轮次“{round}”还没有选手，无法彩排',
  'repository.reason.roundAlreadyClosed': '轮次“{round}”已经结束，成绩已定稿',
  'repository.reason.roundNotClosed': '轮次“{round}”尚未结束，成绩仍是暂定',
  'repository.reason.drawForeignContestant': '出场顺序中有不属于本轮次的选手',
  'repository.reason.drawTwice': '选手“{contestant}”在出场顺序中出现了两次',
  'repository.reason.drawMissing': '出场顺序缺少选手：{contestants}',
  'repository.reason.seedAlreadyCommitted':
    '本轮已公布种子指纹 {fingerprint}，抽签将使用这一种子；抽签后才能换新的种子',
  'repository.reason.seedNotCommitted': '请先生成种子并公布指纹，再抽签',
  'repository.reason.seedNotOnDevice': '本设备没有与已公布指纹相符的种子，请在公布指纹的组织者设备上抽签',
  'repository.reason.noActiveContestants': '没有状态为“参赛”的选手，无法抽签',
  'repository.reason.inactiveCall': '选手“{contestant}”已退赛或被取消资格，不能叫号',
  'repository.reason.noAudienceVoting': '“{round}”没有设置大众投票',
  'repository.reason.inactiveVoting': '选手“{contestant}”已退赛或被取消资格，不能开始投票',
  'repository.reason.votingNotOpen': '“{round}”没有进行中的大众投票',
  'repository.reason.votingOpenReveal': '选手“{contestant}”的大众投票仍在进行，请先结束投票',
  'repository.reason.inactiveReveal': '选手“{contestant}”已退赛或被取消资格，不能公布成绩',
  'repository.reason.displayNeedsContestant': '大屏显示选手或公布成绩时，必须指定选手',
  'repository.reason.alreadySubmittedNoReminder': '评委“{judge}”已提交对选手“{contestant}”的评分，无需催分',
  'repository.reason.alreadyRevealed': '选手“{contestant}”的成绩已经公布',
  'repository.reason.sheetsMissing':
    '还有评委未提交或未评完对选手“{contestant}”的评分：{judges}；如仍要公布，请填写理由',
  'repository.reason.setAsideCorrectOrExplain':
    '选手“{contestant}”有不符合评分规则、暂不计分的评分：{issues}；请评委更正，或填写理由后公布（这些评分表不计分）',
  'repository.reason.setAsideRevokeAdjustment':
    '选手“{contestant}”有不符合评分规则、暂不计分的评分：{issues}；请先撤销有误的加扣分',
  'repository.reason.resultPending':
    '选手“{contestant}”评分未完成：已有 {counted} 位评委完成评分，需要 {required} 位，不能公布',
  'repository.reason.adjustmentZero': '选手“{contestant}”的“{label}”分数必须不为 0，且最多两位小数',
  'repository.reason.adjustmentRevoked': '该加减分记录已经撤销',
  'repository.reason.markEmpty': '评分项“{criterion}”还没有分数，请先输入',
  'repository.reason.sheetNotSubmitted': '评委“{judge}”对选手“{contestant}”的评分表尚未提交，可以直接修改',
  'repository.reason.correctionPending': '评委“{judge}”对选手“{contestant}”的修改申请正在等待处理',
  'repository.reason.correctionDecided': '该修改申请已经处理过了',
  'repository.reason.simulatedOutsideRehearsal': '轮次“{round}”不是彩排轮次，不能写入模拟评分',
  'repository.reason.inactiveMark': '选手“{contestant}”已退赛或被取消资格，不能评分',
  'repository.reason.recusedSameUnit': '评委“{judge}”与选手“{contestant}”同属“{unit}”，应当回避，不能评分',
  'repository.reason.recusedUnitContains':
    '评委“{judge}”的单位“{judgeUnit}”与选手“{contestant}”的单位“{contestantUnit}”相互包含，应当回避，不能评分',
  'repository.reason.recusedByList': '评委“{judge}”的回避名单包括选手“{contestant}”，应当回避，不能评分',
  'repository.reason.markLocked': '选手“{contestant}”的成绩已公布，评分已锁定；如需修改，请向主持人申请修改',
  'repository.reason.markCriterionUnknown':
    '评委“{judge}”给选手“{contestant}”打分的评分项不在本轮次的评分标准中',
  'repository.reason.markCriterionOutsideGroup':
    '评委“{judge}”不能给选手“{contestant}”的“{criterion}”打分：这一项不归该评委所在的评委组打分',
  'repository.reason.judgeWithoutGroup':
    '评委“{judge}”不能给选手“{contestant}”打分：轮次“{round}”分组评分，而该评委没有分到本轮的评委组',
  'repository.reason.sheetSubmitted': '评委“{judge}”对选手“{contestant}”的评分表已提交；如需修改，请申请修改',
  'repository.reason.sheetIncomplete': '评委“{judge}”对选手“{contestant}”还有评分项未打分：{criteria}',
  'repository.reason.signaturesDoNotHold':
    '选手“{contestant}”有评分表的签名不成立（{judges}）：如仍要公布，请填写原因',
  'repository.reason.sheetChangedWhileSigning':
    '选手“{contestant}”的评分表在签名时一再变化，未提交；请核对分数后再提交',
  'repository.reason.eventConflict':
    '同步数据冲突：设备 {device} 的第 {seq} 条记录有两个不同版本，请联系工作人员',
  // Said by the season's screens in the domain's words (src/app/season/issues-text.ts).
  'repository.reason.seasonRules': '{issues}',
  'repository.reason.seasonNotFound': '找不到该积分周期，可能已被删除',
  'repository.reason.seasonEntryNotFound': '找不到要更正的积分条目',
  'repository.reason.competitionUndated':
    '赛事“{competition}”没有日期，无法记入积分：请先在赛事设置中填写比赛日期',
  // Said beside each field by the combination panel (src/app/organizer/combination/).
  'repository.reason.combinationRules': '总成绩设置有误：{issues}',
});

export const repositoryErrorsEn = checked({
  'repository.field.competitionName': 'The competition’s name',
  'repository.field.competitionDate': 'The competition date',
  'repository.field.venue': 'The venue',
  'repository.field.issuer': 'The issuer (signature of the certificates)',
  'repository.field.roundName': 'The round’s name',
  'repository.field.fullMark': 'The sheet’s full mark',
  'repository.field.audienceWindow': 'The audience voting time (seconds)',
  'repository.field.judgeName': 'The judge’s name',
  'repository.field.judgeTitle': 'The title or organization of judge “{judge}”',
  'repository.field.judgeWeight': 'The weight of judge “{judge}”',
  'repository.field.judgeUnit': 'The recusal unit of judge “{judge}”',
  'repository.field.recusalUnit': 'A recusal unit of judge “{judge}”',
  'repository.field.contestantName': 'The contestant’s name',
  'repository.field.contestantUnit': 'The unit of contestant “{contestant}”',
  'repository.field.contestantTopic': 'The topic of contestant “{contestant}”',
  'repository.field.contestantDraw': 'The place in the order of appearance of contestant “{contestant}”',
  'repository.field.criterionName': 'The name of criterion {position}',
  'repository.field.criterionMax': 'The maximum of criterion “{criterion}”',
  'repository.field.criterionPoints': 'The points of criterion “{criterion}”',
  'repository.field.criterionStep': 'The step of criterion “{criterion}”',
  'repository.field.timeLimit': 'The time limit per contestant (seconds)',
  'repository.field.overtimeInterval': 'The overtime penalty interval (seconds)',
  'repository.field.overtimePoints': 'The overtime penalty',
  'repository.field.adjustmentLabel': 'The adjustment’s label',
  'repository.field.adjustmentReason': 'The adjustment’s reason',
  'repository.field.revokeReason': 'The reason for revoking',
  'repository.field.correctionReason': 'The reason for the correction',
  'repository.field.decisionNote': 'The decision note',
  'repository.field.rejectionReason': 'The reason for rejecting',
  'repository.field.drawSeed': 'The draw seed',
  'repository.field.overrideReason': 'The reason for revealing anyway',
  'repository.field.confirmedTotal': 'The total',
  'repository.field.seasonName': 'The season’s name',
  'repository.field.memberName': 'The member’s name',
  'repository.field.memberUnit': 'The unit of member “{member}”',
  'repository.field.seasonItem': 'The item',
  'repository.field.seasonReason': 'The reason',
  'repository.reason.textRequired': '{field} must not be empty',
  'repository.reason.textTooLong': '{field} must be at most {max} characters',
  'repository.reason.notPositiveHundredths': '{field} must be above 0, with at most two decimals',
  'repository.reason.wholeNumberFrom': '{field} must be a whole number from {min}',
  'repository.reason.wholeNumberBetween': '{field} must be a whole number from {min} to {max}',
  'repository.reason.noCriteria': 'The score sheet needs at least one criterion',
  'repository.reason.maxNotMultipleOfStep':
    'The maximum {max} of criterion “{criterion}” is not a whole multiple of its step {step}',
  'repository.reason.duplicateCriterionId': 'Criterion “{criterion}” has the same id as another criterion',
  'repository.reason.engineRules': '{issues}',
  'repository.reason.overtimeWithoutLimit': 'Set a time limit before an overtime penalty',
  'repository.reason.audienceGroupUnknown':
    'Audience votes count for group “{group}”, which this round does not have',
  'repository.reason.audienceCriterionInvalid':
    'The audience’s criterion must be marked by group “{group}”, in whole marks from 0 to {max}',
  'repository.reason.judgeGroupUnknown':
    'Judge “{judge}”: group “{group}” is not a rater group of any round of this competition',
  'repository.reason.dateInvalid': 'The competition date “{text}” is not valid: write it like 2026-05-20',
  'repository.reason.statusInvalid': 'The status of contestant “{contestant}” is not valid',
  'repository.reason.sitesInvalid':
    'The sites of contestant “{contestant}” are not valid: each needs a name (at most 100 characters), a time written like 09:30, and at most 20 sites',
  'repository.reason.photoTooLarge': 'A photo may be at most {megabytes} MB: compress it first',
  'repository.reason.timerInvalid': 'The clock must be a whole number of milliseconds from 0, got {value}',
  'repository.reason.competitionNotFound': 'This competition is not there: it may have been deleted',
  'repository.reason.roundNotFound': 'This round is not there: it may have been deleted',
  'repository.reason.judgeNotInRound': 'This judge is not on this round’s panel',
  'repository.reason.judgeNotInCompetition': 'This judge is not on this competition’s panel',
  'repository.reason.contestantNotInRound': 'This contestant is not in this round',
  'repository.reason.criterionNotInRound': 'This criterion is not on this round’s score sheet',
  'repository.reason.judgeNotFound': 'This judge is not there: the organizer may have deleted them',
  'repository.reason.judgeUnassigned': 'Judge “{judge}” is not assigned to any round yet',
  'repository.reason.deviceNotBound': 'No judge is signed in on this device',
  'repository.reason.confirmationNotFound': 'The host’s confirmation request is not there',
  'repository.reason.adjustmentNotFound': 'This adjustment is not there',
  'repository.reason.correctionNotFound': 'This correction request is not there',
  'repository.reason.competitionHasMarks':
    'Round “{round}” of competition “{competition}” has marks, so the competition cannot be deleted; archive it instead',
  'repository.reason.roundHasMarks': 'Round “{round}” has marks, so it cannot be deleted',
  'repository.reason.criterionHasMarks':
    'Judges have marked the criterion being removed, so it cannot be removed',
  'repository.reason.criterionMarkOutOfRange':
    'Criterion “{criterion}” has a mark of {value}, so its maximum cannot become {max} with a step of {step}',
  'repository.reason.judgeHasMarks': 'Judge “{judge}” has given marks, so they cannot be deleted',
  'repository.reason.judgeHasMarksInRound':
    'Judge “{judge}” has given marks in “{round}”, so they cannot be taken off that round',
  'repository.reason.contestantHasMarks':
    'Contestant “{contestant}” has marks, so they cannot be deleted; to cancel their result, mark them withdrawn',
  'repository.reason.foreignRoundJudges':
    'Round “{round}” is not of this competition, so its judges cannot be reused',
  'repository.reason.roundOrderIncomplete':
    'The order of rounds must list each round of the competition exactly once',
  'repository.reason.tooManyRecusalUnits': 'Judge “{judge}” may have at most {max} recusal units',
  'repository.reason.drawTaken':
    'Place {draw} in the order of appearance is taken twice (contestant “{contestant}”)',
  'repository.reason.importRefused': 'Nothing was imported: {count} errors found',
  'repository.reason.sameNameAndUnit':
    'A contestant “{contestant}” of the same name and unit is already there',
  'repository.reason.advanceClashes':
    'Round “{round}” already has contestants of the same name and unit, so none was copied: {contestants}',
  'repository.reason.advanceToSameRound': 'Contestants cannot advance to the round they are in',
  'repository.reason.advanceAcrossCompetitions':
    'Contestants can advance only to a round of the same competition',
  'repository.reason.nobodyAdvances': 'No contestant is advancing',
  'repository.reason.advanceDuplicate': 'A contestant is listed twice among those advancing',
  'repository.reason.notDemo':
    'Competition “{competition}” is not the demo, so it cannot be purged; archive it instead',
  'repository.reason.notRehearsal': 'Round “{round}” is not a rehearsal, so it cannot be purged',
  'repository.reason.alreadyRehearsal': '“{round}” is itself a rehearsal',
  'repository.reason.rehearsalRunning': 'A rehearsal of round “{round}” is running: end and clear it first',
  'repository.reason.rehearsalNoContestants':
    'Round “{round}” has no contestants yet, so it cannot be rehearsed',
  'repository.reason.roundAlreadyClosed': 'Round “{round}” is already closed: its results are final',
  'repository.reason.roundNotClosed': 'Round “{round}” is not closed: its results are still provisional',
  'repository.reason.drawForeignContestant':
    'The order of appearance lists a contestant who is not in this round',
  'repository.reason.drawTwice': 'Contestant “{contestant}” appears twice in the order of appearance',
  'repository.reason.drawMissing': 'The order of appearance leaves out: {contestants}',
  'repository.reason.seedAlreadyCommitted':
    'This round’s seed fingerprint {fingerprint} is published and the draw will use that seed; a new seed can be made only after the draw',
  'repository.reason.seedNotCommitted': 'Make a seed and publish its fingerprint before the draw',
  'repository.reason.seedNotOnDevice':
    'This device does not hold the seed of the published fingerprint: draw on the organizer’s device that published it',
  'repository.reason.noActiveContestants': 'No contestant is competing, so there is nothing to draw',
  'repository.reason.inactiveCall':
    'Contestant “{contestant}” has withdrawn or been disqualified and cannot be called',
  'repository.reason.noAudienceVoting': '“{round}” has no audience voting',
  'repository.reason.inactiveVoting':
    'Contestant “{contestant}” has withdrawn or been disqualified, so the audience cannot vote for them',
  'repository.reason.votingNotOpen': '“{round}” has no audience voting open',
  'repository.reason.votingOpenReveal': 'Audience voting for “{contestant}” is still open: close it first',
  'repository.reason.inactiveReveal':
    'Contestant “{contestant}” has withdrawn or been disqualified, so there is no result to reveal',
  'repository.reason.displayNeedsContestant':
    'Showing a contestant or a reveal on the projector needs a contestant',
  'repository.reason.alreadySubmittedNoReminder':
    'Judge “{judge}” has already submitted their marks for “{contestant}”: no reminder is needed',
  'repository.reason.alreadyRevealed': 'The result of contestant “{contestant}” is already revealed',
  'repository.reason.sheetsMissing':
    'Judges have not submitted or finished their marks for “{contestant}”: {judges}; to reveal anyway, give a reason',
  'repository.reason.setAsideCorrectOrExplain':
    'Contestant “{contestant}” has marks set aside for breaking the scoring rules: {issues}; have the judges correct them, or give a reason to reveal anyway (those sheets do not count)',
  'repository.reason.setAsideRevokeAdjustment':
    'Contestant “{contestant}” has marks set aside for breaking the scoring rules: {issues}; revoke the wrong adjustment first',
  'repository.reason.resultPending':
    'The marks for “{contestant}” are not complete: {counted} judges have finished and {required} are needed, so the result cannot be revealed',
  'repository.reason.adjustmentZero':
    'Adjustment “{label}” of contestant “{contestant}” must not be 0 and may have at most two decimals',
  'repository.reason.adjustmentRevoked': 'This adjustment is already revoked',
  'repository.reason.markEmpty': 'Criterion “{criterion}” has no mark yet: enter one first',
  'repository.reason.sheetNotSubmitted':
    'The sheet of judge “{judge}” for “{contestant}” is not submitted yet: it can be changed directly',
  'repository.reason.correctionPending':
    'A correction request of judge “{judge}” for “{contestant}” is already waiting for a decision',
  'repository.reason.correctionDecided': 'This correction request has already been decided',
  'repository.reason.simulatedOutsideRehearsal':
    'Round “{round}” is not a rehearsal, so simulated marks cannot be written in it',
  'repository.reason.inactiveMark':
    'Contestant “{contestant}” has withdrawn or been disqualified and cannot be marked',
  'repository.reason.recusedSameUnit':
    'Judge “{judge}” belongs to “{unit}” like contestant “{contestant}”, must recuse and cannot mark',
  'repository.reason.recusedUnitContains':
    'The unit “{judgeUnit}” of judge “{judge}” and the unit “{contestantUnit}” of contestant “{contestant}” contain one another: the judge must recuse and cannot mark',
  'repository.reason.recusedByList':
    'Contestant “{contestant}” is on the recusal list of judge “{judge}”, who cannot mark them',
  'repository.reason.markLocked':
    'The result of “{contestant}” is revealed and its marks are locked; to change one, ask the host for a correction',
  'repository.reason.markCriterionUnknown':
    'Judge “{judge}” marked “{contestant}” on a criterion that is not on this round’s score sheet',
  'repository.reason.markCriterionOutsideGroup':
    'Judge “{judge}” cannot mark “{contestant}” on “{criterion}”: the judge’s group does not mark it',
  'repository.reason.judgeWithoutGroup':
    'Judge “{judge}” cannot mark “{contestant}”: round “{round}” has rater groups and the judge is in none of them',
  'repository.reason.sheetSubmitted':
    'The sheet of judge “{judge}” for “{contestant}” is submitted; to change it, request a correction',
  'repository.reason.sheetIncomplete': 'Judge “{judge}” has not yet marked “{contestant}” on: {criteria}',
  'repository.reason.signaturesDoNotHold':
    'A signature does not hold on a sheet of “{contestant}” ({judges}): to reveal anyway, give a reason',
  'repository.reason.sheetChangedWhileSigning':
    'The sheet for “{contestant}” kept changing while it was being signed and was not submitted; check the marks and submit again',
  'repository.reason.eventConflict':
    'Sync conflict: record {seq} of device {device} exists in two different versions; call the staff',
  // Said by the season's screens in the domain's words (src/app/season/issues-text.ts).
  'repository.reason.seasonRules': '{issues}',
  'repository.reason.seasonNotFound': 'The season is not there; it may have been deleted',
  'repository.reason.seasonEntryNotFound': 'The entry to correct is not there',
  'repository.reason.competitionUndated':
    'The competition “{competition}” has no date, so its points cannot be dated: set its date first',
  // Said beside each field by the combination panel (src/app/organizer/combination/).
  'repository.reason.combinationRules': 'The overall ranking is not valid: {issues}',
});
