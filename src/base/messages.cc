#include "base/messages.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace tj {
namespace {

struct Message {
  std::string_view key;
  std::string_view zh;
  std::string_view en;
};

// Keep sorted by key: lookups use binary search (a unit test checks the order).
constexpr Message kMessages[] = {
    {"activity.applicant_not_open", "该入团申请已结束", "The application is closed"},
    {"activity.applicants_at_classes_only", "入团申请人只能登记参加团课", "Applicants can only be recorded at classes"},
    {"activity.attendee_not_in_org", "不是本组织的团员或申请人", "Not a member or applicant of this org"},
    {"activity.attendee_not_in_standing", "该团员不在籍", "The member is not in standing"},
    {"activity.attendee_twice", "同一人重复登记", "The same person is listed twice"},
    {"activity.class_hours_range", "团课学时须在0.5至8小时之间，以0.5小时为单位",
     "Class hours must be 0.5 to 8 in steps of 0.5"},
    {"activity.create", "记录组织生活", "Activity recorded"},
    {"activity.delete", "删除组织生活记录", "Activity deleted"},
    {"activity.file_add", "上传活动照片或材料", "Activity file attached"},
    {"activity.file_delete", "删除活动照片或材料", "Activity file removed"},
    {"activity.file_empty", "文件为空", "The file is empty"},
    {"activity.file_not_found", "文件不存在", "File not found"},
    {"activity.file_too_large", "文件不能超过 {max}", "The file must not exceed {max}"},
    {"activity.file_type", "只能上传 JPG、PNG、GIF、WebP 图片或 PDF 文件",
     "Only JPG, PNG, GIF or WebP images and PDF files can be attached"},
    {"activity.guest_name", "来宾姓名不能为空且不能换行", "A guest's name must not be empty or span lines"},
    {"activity.hours_for_classes_only", "只有团课记录学时", "Only classes have class hours"},
    {"activity.month_reported", "{month} 的月报已报送，不能再修改该月记录",
     "The report for {month} has been submitted; its records cannot change"},
    {"activity.not_a_branch", "达标情况按团支部统计，请选择团支部", "Compliance is kept per branch; choose a branch"},
    {"activity.not_found", "组织生活记录不存在", "Activity not found"},
    {"activity.report_accept", "月报审核通过", "Monthly report accepted"},
    {"activity.report_changed", "该月报已被处理", "The report has been dealt with already"},
    {"activity.report_exists", "该月月报已报送", "The report for this month has been submitted already"},
    {"activity.report_month_not_begun", "该月尚未开始", "That month has not begun"},
    {"activity.report_not_found", "月报不存在", "Report not found"},
    {"activity.report_return", "退回月报", "Monthly report returned"},
    {"activity.report_submit", "报送月报", "Monthly report submitted"},
    {"activity.report_top_org", "最高一级组织不报送月报", "The top org does not submit monthly reports"},
    {"activity.too_many", "最多 {max} 项", "At most {max} entries"},
    {"activity.topic", "添加年度主题", "Topic added"},
    {"activity.topic_delete", "删除年度主题", "Topic removed"},
    {"activity.topic_in_use", "该主题已有活动使用，不能删除", "The topic is used by an activity and cannot be removed"},
    {"activity.topic_not_available", "该主题不属于本组织或上级组织当年的主题",
     "The topic is not on this year's list of this org or one above it"},
    {"activity.topic_not_found", "主题不存在", "Topic not found"},
    {"activity.update", "修改组织生活记录", "Activity changed"},
    {"applicant.advance", "发展团员步骤", "Recruitment step"},
    {"applicant.already_member", "此人已是团员", "This person is already a member"},
    {"applicant.class_hours", "登记团课学时", "Class hours recorded"},
    {"applicant.create", "登记入团申请", "Application filed"},
    {"applicant.open_file", "此人已有进行中的入团申请", "This person already has an open file"},
    {"applicant.reveal", "查看入团申请人证件号码", "Applicant numbers revealed"},
    {"applicant.talk", "记录入团谈话", "Talk recorded"},
    {"audit.chain_broken", "审计日志第 {id} 条记录校验失败", "Audit record {id} fails verification"},
    {"auth.account_disabled", "账号已停用", "The account is disabled"},
    {"auth.bad_credentials", "用户名或密码错误", "Wrong username or password"},
    {"auth.csrf", "缺少或错误的 CSRF 令牌", "Missing or wrong CSRF token"},
    {"auth.locked", "登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试",
     "Too many failed logins; the account is locked for {minutes} minutes"},
    {"auth.lockout", "账号锁定", "Account locked"},
    {"auth.login", "登录", "Login"},
    {"auth.login_failed", "登录失败", "Failed login"},
    {"auth.logout", "退出登录", "Logout"},
    {"auth.password_change", "修改密码", "Password change"},
    {"auth.password_change_required", "首次登录须先修改密码",
     "You must change your password before continuing"},
    {"auth.password_classes", "密码须包含大写字母、小写字母、数字、符号中的至少 3 类",
     "The password needs at least 3 of: upper case, lower case, digits, symbols"},
    {"auth.password_contains_username", "密码不能包含用户名",
     "The password must not contain the username"},
    {"auth.password_reused", "新密码不能与当前密码相同",
     "The new password must differ from the current one"},
    {"auth.password_too_long", "密码不能超过 {max} 个字符", "The password is longer than {max} characters"},
    {"auth.password_too_short", "密码至少 {min} 个字符", "The password needs at least {min} characters"},
    {"auth.rate_limited", "登录尝试过于频繁，请稍后再试", "Too many login attempts; try again later"},
    {"auth.session_not_found", "会话不存在", "Session not found"},
    {"auth.session_revoke", "注销会话", "Session revoked"},
    {"auth.unauthenticated", "请先登录", "Please log in"},
    {"auth.wrong_old_password", "原密码错误", "The current password is wrong"},
    {"cadre.create", "新增团干部", "Add cadre"},
    {"cadre.update", "修改团干部任职", "Change cadre post"},
    {"cli.bad_value", "{name} 的取值 {value} 无效", "Invalid value {value} for {name}"},
    {"cli.missing_value", "{name} 缺少取值", "{name} needs a value"},
    {"cli.unknown_flag", "未知参数 {name}", "Unknown option {name}"},
    {"common.bad_json", "请求体不是有效的 JSON：{reason}", "The request body is not valid JSON: {reason}"},
    {"common.bad_parameter", "参数 {name} 无效", "Parameter {name} is invalid"},
    {"common.date_format", "日期格式应为 YYYY-MM-DD", "A date is YYYY-MM-DD"},
    {"common.date_in_future", "日期不能晚于今天", "The date cannot be in the future"},
    {"common.forbidden", "无权执行此操作", "You may not do this"},
    {"common.header_too_large", "请求头过大", "Request header too large"},
    {"common.internal", "服务器内部错误", "Internal server error"},
    {"common.invalid_enum", "取值无效", "Not an allowed value"},
    {"common.invalid_format", "格式不正确", "Wrong format"},
    {"common.method_not_allowed", "不支持的请求方法", "Method not allowed"},
    {"common.not_found", "未找到", "Not found"},
    {"common.out_of_range", "取值应在 {min} 到 {max} 之间", "Must be between {min} and {max}"},
    {"common.payload_too_large", "请求体超过 {limit} 字节的上限",
     "The request body exceeds the limit of {limit} bytes"},
    {"common.rate_limited", "请求过于频繁，请稍后再试", "Too many requests; try again later"},
    {"common.required", "必填", "Required"},
    {"common.route_not_found", "接口不存在", "No such API route"},
    {"common.too_long", "长度不能超过 {max}", "At most {max} characters"},
    {"common.unavailable", "服务暂不可用", "Service unavailable"},
    {"common.unique", "{field} 已存在", "{field} already exists"},
    {"common.validation_failed", "提交的数据未通过校验", "The submitted data is not valid"},
    {"common.wrong_type", "类型不正确", "Wrong type"},
    {"dues.member_not_in_standing", "只能为在册团员登记团费", "Dues are recorded for members in standing only"},
    {"dues.month_format", "月份格式应为 YYYY-MM", "A month is YYYY-MM"},
    {"dues.nothing_to_refund", "已缴月份不足，只有 {paid} 个月可退", "Not enough paid months to refund: {paid}"},
    {"dues.payment", "登记团费", "Dues payment recorded"},
    {"dues.period_not_ended", "期间尚未结束（至 {to}），结束后再登记上缴", "The period (to {to}) has not ended; remit after it"},
    {"dues.period_range", "结束月份须不早于开始月份，且不超过 12 个月", "The period is 1 to 12 months, the end not before the start"},
    {"dues.profile", "设置团员团费类别", "Dues category set"},
    {"dues.profile_from_range", "起始月份最多为 12 个月之后", "The month can be at most 12 months ahead"},
    {"dues.refund", "团费退还", "Dues refunded"},
    {"dues.remit", "团费上缴", "Dues remitted"},
    {"dues.remittance_exists", "该组织此期间的上缴已登记", "This org's remittance for the period is recorded"},
    {"dues.standard", "设置团费标准", "Dues standards set"},
    {"dues.standard_exists", "{date} 起的团费标准已设置", "Dues standards from {date} are already set"},
    {"evaluation.approve", "批准教育评议", "Evaluation approved"},
    {"evaluation.approve_from_above", "须由上级团委审批", "Only the committee above may approve"},
    {"evaluation.entries", "登记评议结果", "Evaluation entries recorded"},
    {"evaluation.excellent_quota_exceeded", "“优秀”人数超出比例：上限 {cap} 名，当前 {count} 名", "Too many rated excellent: cap {cap}, now {count}"},
    {"evaluation.exists", "该支部 {year} 年度的教育评议已开启", "The branch's {year} evaluation is already open"},
    {"evaluation.grades_missing", "还有 {count} 名团员未评定等次", "{count} members have no grade yet"},
    {"evaluation.member_not_in_evaluation", "该团员不在本次评议名单中", "The member is not in this evaluation"},
    {"evaluation.no_members", "该支部没有在册团员", "The branch has no members in standing"},
    {"evaluation.not_found", "教育评议不存在", "Evaluation not found"},
    {"evaluation.not_open", "评议已提交，不能再修改", "The evaluation was submitted and cannot change"},
    {"evaluation.not_submitted", "评议尚未提交", "The evaluation has not been submitted"},
    {"evaluation.open", "开启教育评议", "Evaluation opened"},
    {"evaluation.quorum_not_met", "到会人数不足：应到 {due} 人，实到 {present} 人（须超过三分之二）", "Not enough present: {present} of {due} (more than two thirds needed)"},
    {"evaluation.return", "退回教育评议", "Evaluation returned"},
    {"evaluation.submit", "提交教育评议", "Evaluation submitted"},
    {"member.age_out", "超龄离团", "Aged out"},
    {"member.create", "新增团员", "Add member"},
    {"member.date_before_join", "日期不能早于入团时间", "The date cannot be before the admission"},
    {"member.date_format", "日期格式应为 YYYY-MM-DD 或 YYYY-MM", "A date is YYYY-MM-DD or YYYY-MM"},
    {"member.date_in_future", "日期不能晚于今天", "The date cannot be in the future"},
    {"member.ethnicity_unknown", "不是 56 个民族之一（如 汉族、蒙古族）", "Not one of the 56 ethnic groups (e.g. 汉族, 蒙古族)"},
    {"member.id_number_birth_date", "身份证号码中的出生日期无效", "The birth date in the ID number is not valid"},
    {"member.id_number_checksum", "身份证号码校验位错误", "The ID number's check character is wrong"},
    {"member.id_number_format", "身份证号码应为 17 位数字加 1 位数字或 X", "An ID number is 17 digits and a digit or X"},
    {"member.id_number_taken", "该身份证号码已登记", "This ID number is already registered"},
    {"member.import", "导入团员", "Import members"},
    {"member.import_duplicate_id", "与第 {row} 行的身份证号码重复", "Same ID number as row {row}"},
    {"member.import_duplicate_no", "与第 {row} 行的团员编号重复", "Same member number as row {row}"},
    {"member.import_missing_column", "缺少必需的列：{column}", "Missing required column: {column}"},
    {"member.import_org_not_branch", "所选组织不是团支部或团总支，请填写所在团组织编码", "The chosen org is not a branch; give the member's branch code"},
    {"member.import_unknown_org", "组织编码 {code} 不存在或不在您的管辖范围内", "Org code {code} does not exist or is outside your scope"},
    {"member.join_after_28", "入团时已满 28 周岁", "The member was already 28 at admission"},
    {"member.join_before_14", "入团时间不能早于 14 周岁生日", "The admission date cannot be before the 14th birthday"},
    {"member.join_in_future", "入团时间不能晚于今天", "The admission date cannot be in the future"},
    {"member.member_no_format", "团员编号应为 8–20 位数字", "A member number is 8–20 digits"},
    {"member.member_no_required", "2017 年 1 月 1 日以后入团的须填写团员编号", "A member number is required for admissions since 2017-01-01"},
    {"member.member_no_taken", "该团员编号已被使用", "This member number is already in use"},
    {"member.member_no_year", "团员编号前 4 位应为入团年份 {year}", "A member number starts with the admission year {year}"},
    {"member.not_found", "团员不存在", "Member not found"},
    {"member.phone_format", "手机号码应为 11 位手机号或 区号-电话号码", "A phone number is an 11-digit mobile number or area code-number"},
    {"member.reveal", "查看完整身份证号码/手机号码", "View full ID/phone number"},
    {"member.reveal_forbidden", "无权查看完整的身份证号码和手机号码", "You may not see full ID and phone numbers"},
    {"member.status", "变更团员状态", "Change member status"},
    {"member.status_final", "团员当前状态为 {status}，已不能变更", "The member's status {status} is final"},
    {"member.status_unchanged", "团员已是该状态", "The member already has this status"},
    {"member.term_end_before_start", "任期结束不能早于开始", "The term cannot end before it starts"},
    {"member.transfer", "团员组织关系转移", "Member transferred"},
    {"member.update", "修改团员信息", "Change member"},
    {"member_status.active", "正常", "active"},
    {"member_status.aged_out", "超龄离团", "aged out"},
    {"member_status.deceased", "去世", "deceased"},
    {"member_status.expelled", "开除团籍", "expelled"},
    {"member_status.lost_contact", "失联", "lost contact"},
    {"member_status.mobile", "流动", "mobile"},
    {"member_status.removed", "除名", "removed"},
    {"member_status.transferred_out", "已转出", "transferred out"},
    {"member_status.withdrawn", "退团", "withdrawn"},
    {"number_range.create", "分配团员编号段", "Number range allocated"},
    {"number_range.overlap", "与已分配的编号段 {first}–{last} 重叠", "Overlaps the range {first}–{last}"},
    {"org.close", "撤销组织", "Close org"},
    {"org.close_has_children", "该组织下还有 {count} 个未撤销的下级组织，不能撤销",
     "The org still has {count} active child orgs and cannot be closed"},
    {"org.close_has_members", "该组织还有 {count} 名团员，不能撤销",
     "The org still has {count} members and cannot be closed"},
    {"org.close_root", "不能撤销自己所在范围的最上级组织", "The top org of your scope cannot be closed"},
    {"org.closed", "该组织已撤销", "The org is closed"},
    {"org.code_exists", "组织编码 {code} 已被使用", "Org code {code} is already in use"},
    {"org.code_format", "组织编码只能包含字母、数字、-、_，长度 1–64",
     "An org code is 1–64 letters, digits, - or _"},
    {"org.create", "新建组织", "Create org"},
    {"org.graduation_needs_school_branch", "毕业时间只适用于学校的团支部", "A graduation date is for school branches"},
    {"org.move", "移动组织", "Move org"},
    {"org.move_into_subtree", "不能把组织移动到它自己或它的下级组织之下",
     "An org cannot be moved under itself or its own descendants"},
    {"org.move_root", "最上级组织不能移动", "The top org cannot be moved"},
    {"org.not_branch", "团员只能登记在团支部或团总支", "Members belong to a branch or general branch"},
    {"org.not_found", "组织不存在", "Org not found"},
    {"org.parent_closed", "上级组织已撤销", "The parent org is closed"},
    {"org.parent_type", "{child} 不能设在 {parent} 之下", "A {child} cannot be placed under a {parent}"},
    {"org.purpose_needs_branch", "专门用途只适用于团支部", "A purpose is for branches"},
    {"org.school_stage_needs_school", "只有学校类组织可以设置学段",
     "Only school orgs have a school stage"},
    {"org.update", "修改组织", "Change org"},
    {"org_type.branch", "团支部", "branch"},
    {"org_type.committee", "基层团委", "grassroots committee"},
    {"org_type.general_branch", "团总支", "general branch"},
    {"org_type.local_committee", "地方团委", "local committee"},
    {"org_type.working_committee", "团工委", "working committee"},
    {"party.application_too_recent", "递交入党申请须满 6 个月（{applied_on} 递交，最早 {earliest} 可推荐）", "The Party application must be 6 months old (filed {applied_on}; earliest {earliest})"},
    {"party.nominate", "推优提名", "Nominated for Party recommendation"},
    {"party.not_found", "推优记录不存在", "Recommendation not found"},
    {"party.not_in_standing", "只能推荐在册团员", "Only members in standing can be recommended"},
    {"party.open_exists", "该团员已有进行中的推优", "The member already has an open recommendation"},
    {"party.review", "推优审核", "Recommendation reviewed"},
    {"party.review_from_above", "须由上级团委审核", "Only the committee above may review"},
    {"party.stage_order", "推优步骤顺序不对", "Steps of the recommendation are out of order"},
    {"party.vote", "推优表决", "Recommendation vote"},
    {"quota.put", "设置毕业年级人数", "Cohort size set"},
    {"recruitment.activist_period_too_short", "入团积极分子培养期须满 {months} 个月（自 {since} 起，最早 {earliest}）", "An activist must wait {months} months (since {since}; earliest {earliest})"},
    {"recruitment.age_out_of_range", "年龄 {age} 岁，不在 {min}–{max} 周岁范围内", "Age {age} is outside {min}–{max}"},
    {"recruitment.approve_from_above", "须由上级团委审批", "Only the committee above may approve"},
    {"recruitment.class_before_application", "团课日期不能早于入团申请日期（{applied_on}）", "A class cannot be before the application ({applied_on})"},
    {"recruitment.class_hours_range", "学时须为 0.5 到 24 之间的 0.5 的整数倍", "Hours are 0.5 to 24 in steps of 0.5"},
    {"recruitment.date_before_previous", "日期不能早于上一步骤的日期（{previous}）", "The date cannot be before the previous step's ({previous})"},
    {"recruitment.file_ended", "该入团申请已结束", "The file has ended"},
    {"recruitment.insufficient_class_hours", "发展对象须参加团课不少于{required}学时，当前{actual}学时", "A candidate needs at least {required} class hours; now {actual}"},
    {"recruitment.introducers_invalid", "入团介绍人须为 2 名正式团员", "Two full members must act as introducers"},
    {"recruitment.not_found", "入团申请不存在", "Recruitment file not found"},
    {"recruitment.number_range_exhausted", "{year} 年的团员编号已用完，请联系上级团委分配编号段", "No member numbers left for {year}; ask the committee above for a range"},
    {"recruitment.quota_exceeded", "超出毕业年级发展名额：上限 {cap} 名，发展后 {count} 名", "Over the graduating-class quota: cap {cap}, would be {count}"},
    {"recruitment.quota_not_school", "只能为初中或高中学校设置毕业年级人数", "Cohort sizes are for junior or senior high schools"},
    {"recruitment.quota_not_set", "尚未设置该校 {year} 届毕业年级人数，无法核定发展名额", "The school's {year} graduating cohort size is not set; the quota cannot be checked"},
    {"recruitment.range_org_branch", "编号段只能分配给团委，不能分配给团支部", "Number ranges go to committees, not branches"},
    {"recruitment.sponsors_count", "培养联系人应为 1–2 名", "An applicant has 1 or 2 sponsors"},
    {"recruitment.sponsors_invalid", "培养联系人须为在册的正式团员", "Sponsors must be members in standing"},
    {"recruitment.stage_order", "不能从“{from}”直接转到“{to}”", "Cannot go from {from} to {to}"},
    {"recruitment.talk_before_application", "谈话日期不能早于申请日期", "The talk cannot be before the application"},
    {"recruitment.vote_failed", "表决未通过：应到 {eligible} 人，实到 {present} 人，赞成 {yes} 人（须过半数到会且过半数赞成）", "The vote failed: {present} of {eligible} present, {yes} yes (more than half must attend and more than half of those vote yes)"},
    {"recruitment_stage.activist", "入团积极分子", "activist"},
    {"recruitment_stage.admitted", "已入团", "admitted"},
    {"recruitment_stage.applied", "入团申请人", "applicant"},
    {"recruitment_stage.approved", "上级团委批准", "approved by the committee"},
    {"recruitment_stage.branch_approved", "支部大会通过", "approved by the branch"},
    {"recruitment_stage.candidate", "发展对象", "candidate"},
    {"recruitment_stage.rejected", "未通过", "rejected"},
    {"recruitment_stage.withdrawn", "已撤回", "withdrawn"},
    {"registration.campaign_exists", "{year} 年度团籍注册已开启", "Registration for {year} is already open"},
    {"registration.date_before_opening", "注册日期不能早于开始日期（{opens_on}）", "The date cannot be before the opening ({opens_on})"},
    {"registration.deadline_before_opening", "截止日期不能早于开始日期", "The deadline cannot be before the opening"},
    {"registration.not_eligible", "以下团员不符合注册条件（评议须为基本合格及以上）：{names}", "Not eligible (rated 基本合格 or better needed): {names}"},
    {"registration.not_open", "{year} 年度团籍注册尚未开启", "Registration for {year} is not open"},
    {"registration.open", "开启团籍注册", "Registration opened"},
    {"registration.register", "团籍注册", "Members registered"},
    {"rules.half_hour_steps", "学时须为 0 到 100 之间的 0.5 的整数倍", "Class hours are 0 to 100 in steps of 0.5"},
    {"rules.max_age_not_above_min", "最大年龄须大于最小年龄", "The maximum age must be above the minimum"},
    {"rules.out_of_range", "取值应在 {min} 到 {max} 之间", "Must be between {min} and {max}"},
    {"rules.update", "修改规则参数", "Change rule settings"},
    {"sheet.empty", "文件中没有表头行", "The file has no header row"},
    {"sheet.too_large", "文件超过 {max} 行数据的上限", "The file has more than {max} data rows"},
    {"sheet.unreadable", "无法读取该文件（应为 XLSX 或 CSV）：{reason}", "The file cannot be read as XLSX or CSV: {reason}"},
    {"store.bad_url", "无法识别的数据库地址：{url}", "Unrecognized database URL: {url}"},
    {"store.foreign_key", "所引用的记录不存在或仍被引用", "A referenced record is missing or still in use"},
    {"store.rejected", "数据库拒绝了此操作", "The database refused this change"},
    {"study.closing_before_release", "截止日期不能早于上线日期", "The closing date cannot be before the release date"},
    {"study.episode_create", "发布青年大学习期次", "Youth Study episode added"},
    {"study.episode_not_found", "期次不存在", "Episode not found"},
    {"study.episode_not_open", "本期学习时间为 {from} 至 {to}，当前不在学习时间内",
     "This episode takes part from {from} to {to}; it is not open now"},
    {"study.episode_update", "修改青年大学习期次", "Youth Study episode changed"},
    {"study.import", "导入青年大学习参学记录", "Youth Study participation imported"},
    {"study.import_missing_column", "缺少“{column}”列", "The column “{column}” is missing"},
    {"study.import_needs_number", "须填写身份证号码或团员编号", "An ID number or member number is required"},
    {"study.import_time_format", "学习时间格式应为“2026-03-02 20:15”", "The time should read like 2026-03-02 20:15"},
    {"study.import_time_outside", "学习时间须在 {from} 至 {to} 之间", "The time must lie between {from} and {to}"},
    {"study.member_not_in_standing", "该团员不在籍，不能记录参学",
     "The member is not in standing; participation cannot be recorded"},
    {"study.season", "新建青年大学习季", "Youth Study season created"},
    {"study.season_exists", "该季名称已存在", "A season with this name exists"},
    {"study.season_not_found", "该季不存在", "Season not found"},
    {"transfer.accept", "接收转入", "Transfer accepted"},
    {"transfer.approve_out", "同意转出", "Transfer approved by the sending side"},
    {"transfer.cancel", "撤销转接", "Transfer cancelled"},
    {"transfer.changed", "该转接刚被他人办理，请刷新后重试", "Someone else just acted on this transfer; reload and try again"},
    {"transfer.expire", "转接过期", "Transfer expired"},
    {"transfer.member_not_in_standing", "只能转接在册团员", "Only members in standing can be transferred"},
    {"transfer.member_required", "请选择团员（转入方请填写团员编号和姓名）", "Name the member (the receiving side gives the member number and name)"},
    {"transfer.not_found", "转接记录不存在", "Transfer not found"},
    {"transfer.not_your_side", "该操作应由转接的另一方办理", "This step belongs to the other side of the transfer"},
    {"transfer.one_destination", "只能选择一个转入组织：本系统内的组织或系统外的组织", "Give one destination: an org here or one outside"},
    {"transfer.open_exists", "该团员已有进行中的转接", "The member already has an open transfer"},
    {"transfer.placement_outside", "接收的团支部须在转入组织之内", "The branch must be within the receiving org"},
    {"transfer.reject", "拒绝转出", "Transfer rejected"},
    {"transfer.return", "退回转接", "Transfer returned"},
    {"transfer.same_org", "转入组织与当前组织相同", "The destination is the member's current org"},
    {"transfer.start", "发起组织关系转接", "Transfer started"},
    {"transfer.state", "转接在“{state}”状态下不能{action}", "A transfer that is {state} cannot be {action}"},
    {"transfer_action.accept", "接收", "accepted"},
    {"transfer_action.approve_out", "同意转出", "approved for sending"},
    {"transfer_action.cancel", "撤销", "cancelled"},
    {"transfer_action.expire", "过期", "expired"},
    {"transfer_action.reject", "拒绝转出", "rejected"},
    {"transfer_action.return", "退回", "returned"},
    {"transfer_state.cancelled", "已撤销", "cancelled"},
    {"transfer_state.completed", "已完成", "completed"},
    {"transfer_state.expired", "已过期", "expired"},
    {"transfer_state.pending_in", "待接收", "waiting for the receiving side"},
    {"transfer_state.pending_out", "待转出", "waiting for the sending side"},
    {"transfer_state.rejected", "已拒绝", "rejected"},
    {"transfer_state.returned", "已退回", "returned"},
    {"user.create", "新建账号", "Create account"},
    {"user.member_has_account", "该团员已有账号", "The member already has an account"},
    {"user.member_not_in_standing", "只能为在册团员开通账号", "Accounts are for members in standing"},
    {"user.member_org_mismatch", "账号所属组织须为该团员所在的组织", "The account's org must be the member's org"},
    {"user.member_role_only", "只有团员角色的账号可以关联团员档案", "Only member accounts link a member's record"},
    {"user.org_required", "请选择所属组织", "Choose the account's org"},
    {"user.reset_password", "重置密码", "Reset password"},
    {"user.role_not_allowed", "无权授予角色 {role}", "You may not grant the role {role}"},
    {"user.unlock", "解除锁定", "Unlock account"},
    {"user.update", "修改账号", "Change account"},
    {"user.username_exists", "用户名 {username} 已存在", "Username {username} already exists"},
    {"user.username_format", "用户名为 3–32 位字母、数字、.、_、-",
     "A username is 3–32 letters, digits, '.', '_' or '-'"},
};

const Message* Find(std::string_view key) {
  auto it = std::lower_bound(std::begin(kMessages), std::end(kMessages), key,
                             [](const Message& m, std::string_view k) { return m.key < k; });
  if (it == std::end(kMessages) || it->key != key) return nullptr;
  return &*it;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Locale ParseAcceptLanguage(std::string_view header) {
  // Walk the list in order of quality; the first zh or en tag wins.
  double best_q = -1;
  Locale best = Locale::kZhCN;
  std::string h = Lower(header);
  size_t pos = 0;
  while (pos <= h.size()) {
    size_t comma = h.find(',', pos);
    std::string_view item = std::string_view(h).substr(pos, comma == std::string::npos
                                                                ? std::string::npos
                                                                : comma - pos);
    pos = comma == std::string::npos ? h.size() + 1 : comma + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    double q = 1.0;
    if (auto semi = item.find(";q="); semi != std::string_view::npos) {
      try {
        q = std::stod(std::string(item.substr(semi + 3)));
      } catch (...) {
        q = 0;
      }
      item = item.substr(0, semi);
    }
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    std::optional<Locale> loc;
    if (item.starts_with("zh")) loc = Locale::kZhCN;
    if (item == "en" || item.starts_with("en-")) loc = Locale::kEn;
    if (loc && q > best_q) {
      best_q = q;
      best = *loc;
    }
  }
  return best;
}

std::string RenderMessage(std::string_view key, const MessageArgs& args, Locale locale) {
  const Message* m = Find(key);
  std::string_view tmpl = m ? (locale == Locale::kEn ? m->en : m->zh) : key;
  std::string out;
  out.reserve(tmpl.size() + 16);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        auto it = args.find(tmpl.substr(i + 1, close - i - 1));
        if (it != args.end()) {
          if (it->second.size() > 1 && it->second[0] == '@')
            out += RenderMessage(std::string_view(it->second).substr(1), {}, locale);
          else
            out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

std::vector<std::string_view> MessageKeys() {
  std::vector<std::string_view> keys;
  for (const auto& m : kMessages) keys.push_back(m.key);
  return keys;
}

bool HasMessage(std::string_view key) { return Find(key) != nullptr; }

}  // namespace tj
