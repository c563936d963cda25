// Organizational life (组织生活) (docs/api.md, Organizational life): meetings, league classes and
// themed days with their attendance, the year's topic lists, branches' compliance (达标情况) with
// the year's rules, monthly reports (月报) and a member's own classes. Dates are 'YYYY-MM-DD',
// months 'YYYY-MM'. Photos and documents (照片与材料) are attached to an activity one file at a time.
import { http, upload, type Page } from './request'

export namespace ActivityApi {
  // 支部团员大会, 支部委员会, 团小组会, 团课, 主题团日, 主题队日, 其他活动.
  export type Kind =
    | 'general_meeting'
    | 'committee_meeting'
    | 'group_meeting'
    | 'class'
    | 'themed_day'
    | 'pioneer_day'
    | 'other'
  // 出席, 请假, 缺席.
  export type Attendance = 'present' | 'leave' | 'absent'

  export interface Activity {
    id: number
    org_id: number
    org_name: string
    kind: Kind
    held_on: string
    place: string
    topic: string
    topic_id: number | null
    // The topic is one the year's list marks as required.
    topic_required: boolean
    // Classes only (0.5–8 in 0.5 steps); null for the other kinds.
    class_hours: number | null
    teacher: string
    summary: string
    guests: string[]
    // Person-times: members present + applicants + guests.
    participants: number
    present_count: number
    leave_count: number
    absent_count: number
    created_at: string
    created_by: string
    updated_at: string
  }

  export interface AttendanceRow {
    member_id: number
    name: string
    member_no: string | null
    status: Attendance
  }

  export interface ApplicantRef {
    applicant_id: number
    name: string
  }

  // A photo or document of an activity; `url` (under /api/v1) serves it inline to the session.
  export interface ActivityFile {
    id: number
    name: string
    content_type: string
    size: number
    url: string
    created_at: string
    created_by: string
  }

  export interface ActivityDetail extends Activity {
    attendance: AttendanceRow[]
    applicants: ApplicantRef[]
    files: ActivityFile[]
  }

  export interface ListQuery {
    org_id?: number
    subtree?: boolean
    // Comma-separated kinds.
    kind?: string
    from?: string
    to?: string
    // The topic contains.
    q?: string
    page?: number
    size?: number
  }

  // A create (org_id required) or a change (org_id left out; fields left out stay; lists given
  // replace the activity's).
  export interface Body {
    org_id?: number
    kind?: Kind
    held_on?: string
    topic?: string
    topic_id?: number | null
    place?: string
    class_hours?: number
    teacher?: string
    summary?: string
    attendance?: { member_id: number; status: Attendance }[]
    applicants?: number[]
    guests?: string[]
  }

  // Who may attend an org's activity: members in standing and open applicants of its subtree.
  export interface Roster {
    members: { member_id: number; name: string; member_no: string | null }[]
    applicants: { applicant_id: number; name: string; stage: string }[]
  }

  export interface KindFigures {
    kind: Kind
    count: number
    participants: number
  }

  export interface StatsRow {
    org_id: number
    org_name: string
    count: number
    participants: number
    by_kind: KindFigures[]
  }

  export interface Stats extends StatsRow {
    year: number
    children: StatsRow[]
  }

  export interface Topic {
    id: number
    org_id: number
    org_name: string
    year: number
    title: string
    required: boolean
    created_at: string
    created_by: string
  }

  export type Status = 'met' | 'behind' | 'missed' | 'upcoming'
  // What a branch may miss: the three meeting and class requirements and the members' classes.
  export type RequirementKey = 'general_meeting' | 'committee_meeting' | 'class' | 'member_classes'

  export interface ComplianceCount {
    org_id: number
    org_name: string
    org_type: string
    met: number
    behind: number
    missed: number
    upcoming: number
    rate_permille: number
  }

  export interface ChildCompliance extends ComplianceCount {
    branch_count: number
  }

  export interface BranchSummary {
    org_id: number
    org_name: string
    status: Status
    missed: RequirementKey[]
    behind: RequirementKey[]
    members: number
    members_met: number
  }

  // The scope's counts (`branch_count` branches in all), each child's, and every branch (missed
  // first).
  export interface Overview extends ComplianceCount {
    branch_count: number
    year: number
    children: ChildCompliance[]
    branches: BranchSummary[]
  }

  export interface Period {
    // '2026-Q1' or '2026-03'.
    period: string
    count: number
    status: Status
  }

  export interface Requirement {
    requirement: 'general_meeting' | 'committee_meeting' | 'class'
    per: 'quarter' | 'month'
    required: number
    status: Status
    periods: Period[]
  }

  export interface MemberClasses {
    member_id: number
    name: string
    member_no: string | null
    classes: number
    status: Status
  }

  export interface BranchCompliance {
    org_id: number
    org_name: string
    year: number
    status: Status
    requirements: Requirement[]
    classes_required: number
    members_met: number
    members_total: number
    members: MemberClasses[]
  }

  export type ReportState = 'submitted' | 'accepted' | 'returned'

  export interface Report {
    id: number
    org_id: number
    org_name: string
    month: string
    state: ReportState
    counts: Partial<Record<Kind, number>>
    activities: number
    participants: number
    note: string
    comment: string
    submitted_at: string
    submitted_by: string
    reviewed_at: string | null
    reviewed_by: string | null
  }

  export interface ReportQuery {
    org_id?: number
    subtree?: boolean
    month?: string
    state?: ReportState
    page?: number
    size?: number
  }

  export interface MyClass {
    id: number
    org_name: string
    held_on: string
    topic: string
    teacher: string
    class_hours: number
  }

  export interface MyClasses {
    year: number
    classes: number
    required: number
    items: MyClass[]
  }
}

export const ACTIVITY_KINDS: readonly ActivityApi.Kind[] = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'class',
  'themed_day',
  'pioneer_day',
  'other',
]
export const ATTENDANCE_STATUSES: readonly ActivityApi.Attendance[] = ['present', 'leave', 'absent']
export const REPORT_STATES: readonly ActivityApi.ReportState[] = ['submitted', 'accepted', 'returned']

// A dialog shows its own refusals (422, and a 409 for a report submitted already or a topic in use).
const DIALOG_SHOWS = { silent: (e: { status: number }) => e.status === 422 || e.status === 409 }
// The member's own page explains a 403 (an account linked to no member) itself.
const PAGE_SHOWS_403 = { silent: (e: { status: number }) => e.status === 403 }

export function listActivities(query: ActivityApi.ListQuery = {}): Promise<Page<ActivityApi.Activity>> {
  return http.get<Page<ActivityApi.Activity>>('/activities', { query: { ...query } })
}

export function getActivity(id: number): Promise<ActivityApi.ActivityDetail> {
  return http.get<ActivityApi.ActivityDetail>(`/activities/${id}`)
}

export function createActivity(body: ActivityApi.Body): Promise<ActivityApi.ActivityDetail> {
  return http.post<ActivityApi.ActivityDetail>('/activities', body, DIALOG_SHOWS)
}

export function updateActivity(id: number, body: ActivityApi.Body): Promise<ActivityApi.ActivityDetail> {
  return http.patch<ActivityApi.ActivityDetail>(`/activities/${id}`, body, DIALOG_SHOWS)
}

// A refusal (month_reported) is shown by the request client.
export function deleteActivity(id: number): Promise<void> {
  return http.delete<void>(`/activities/${id}`)
}

export function activityRoster(orgId: number): Promise<ActivityApi.Roster> {
  return http.get<ActivityApi.Roster>('/activities/roster', { query: { org_id: orgId } })
}

export function activityStats(orgId: number, year: number): Promise<ActivityApi.Stats> {
  return http.get<ActivityApi.Stats>('/activities/stats', { query: { org_id: orgId, year } })
}

export function listTopics(year: number): Promise<ActivityApi.Topic[]> {
  return http.get<{ year: number; items: ActivityApi.Topic[] }>('/activities/topics', { query: { year } }).then((r) => r.items)
}

export function createTopic(body: { year: number; title: string; required: boolean }): Promise<ActivityApi.Topic> {
  return http.post<ActivityApi.Topic>('/activities/topics', body, DIALOG_SHOWS)
}

// 409 (an activity uses the topic) is the caller's to show.
export function deleteTopic(id: number): Promise<void> {
  return http.delete<void>(`/activities/topics/${id}`, { silent: (e) => e.status === 409 })
}

export function complianceOverview(orgId: number, year: number): Promise<ActivityApi.Overview> {
  return http.get<ActivityApi.Overview>('/compliance', { query: { org_id: orgId, year } })
}

export function branchCompliance(orgId: number, year: number): Promise<ActivityApi.BranchCompliance> {
  return http.get<ActivityApi.BranchCompliance>(`/compliance/branches/${orgId}`, { query: { year } })
}

export function listReports(query: ActivityApi.ReportQuery = {}): Promise<Page<ActivityApi.Report>> {
  return http.get<Page<ActivityApi.Report>>('/activity-reports', { query: { ...query } })
}

export function submitReport(body: { org_id: number; month: string; note?: string }): Promise<ActivityApi.Report> {
  return http.post<ActivityApi.Report>('/activity-reports', body, DIALOG_SHOWS)
}

export function reviewReport(
  id: number,
  body: { action: 'accept' | 'return'; comment?: string },
): Promise<ActivityApi.Report> {
  return http.post<ActivityApi.Report>(`/activity-reports/${id}/review`, body, DIALOG_SHOWS)
}

export function getMyClasses(year: number): Promise<ActivityApi.MyClasses> {
  return http.get<ActivityApi.MyClasses>('/me/classes', { query: { year }, ...PAGE_SHOWS_403 })
}

// ---- Photos and documents (照片与材料): JPEG, PNG, GIF, WebP or PDF (the server reads the first
// bytes, whatever the name says), at most 5 MiB each and 9 an activity, under the month's report
// lock. The checks below only tell the user early; the server checks again.

export const ATTACHMENT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxFiles: 9 } as const

// The types accepted, each with the file name endings that usually carry it.
export const ATTACHMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
}

// For the file chooser's `accept`.
export const ATTACHMENT_ACCEPT = Object.entries(ATTACHMENT_TYPES)
  .flatMap(([type, endings]) => [type, ...endings])
  .join(',')

// The content type of a chosen file: the browser's when it is one accepted, else by the name's
// ending; null for anything else.
export function attachmentType(file: { name: string; type?: string }): string | null {
  if (file.type && file.type in ATTACHMENT_TYPES) return file.type
  const lower = file.name.toLowerCase()
  for (const [type, endings] of Object.entries(ATTACHMENT_TYPES)) {
    if (endings.some((e) => lower.endsWith(e))) return type
  }
  return null
}

export type AttachmentProblem = 'empty' | 'too_large' | 'type_not_allowed' | 'too_many'

// What the server would refuse about a file added to an activity that has `count` files (the
// server's codes, so one message serves both).
export function checkAttachment(file: { name: string; type?: string; size: number }, count: number): AttachmentProblem | null {
  if (count >= ATTACHMENT_LIMITS.maxFiles) return 'too_many'
  if (file.size === 0) return 'empty'
  if (file.size > ATTACHMENT_LIMITS.maxBytes) return 'too_large'
  if (!attachmentType(file)) return 'type_not_allowed'
  return null
}

export const isImageFile = (f: Pick<ActivityApi.ActivityFile, 'content_type'>): boolean => f.content_type.startsWith('image/')

// A file size for people: 812 B, 35.2 KB, 4.8 MB.
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.floor(bytes || 0))} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export interface AttachmentOptions {
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

// Sends the file as the raw body with its name in the query. A 422 (the file's problem, or a
// reported month) is the drawer's to show.
export function uploadActivityFile(
  activityId: number,
  file: File,
  options: AttachmentOptions = {},
): Promise<ActivityApi.ActivityFile> {
  return upload<ActivityApi.ActivityFile>(`/activities/${activityId}/files`, {
    file,
    contentType: attachmentType(file) ?? 'application/octet-stream',
    query: { name: file.name },
    silent: (e) => e.status === 422 || e.status === 413,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

// A refusal (month_reported) is shown by the request client.
export function deleteActivityFile(activityId: number, fileId: number): Promise<void> {
  return http.delete<void>(`/activities/${activityId}/files/${fileId}`)
}
