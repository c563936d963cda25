// An activity's form as the server checks it (docs/api.md, Organizational life), mirrored so the
// form can tell the user early, and the request body built from the form and the attendance
// picker. The server checks everything again.
//
// Attendance: every member in standing of the org's subtree (the roster) may be listed once as
// present, on leave or absent. A new activity starts with everyone present; an activity being
// changed shows what it recorded, and members of the roster it did not record stay unrecorded
// (null) until given a status. At classes, open applicants of the subtree may attend too (each
// gets the class's hours); guests are names.
import type { ActivityApi } from '@/api/activities'
import type { ApiErrorDetail } from '@/api/request'
import { isClass } from './kinds'

type Attendance = ActivityApi.Attendance

export const CLASS_HOURS = { min: 0.5, max: 8, step: 0.5 } as const
export const LIMITS = { topic: 200, place: 100, teacher: 50, summary: 5000, guest: 50, guests: 100 } as const

export interface AttendanceEntry {
  member_id: number
  name: string
  member_no: string | null
  // null: not recorded (left out of the request).
  status: Attendance | null
}

// The picker's rows: the roster in its order, each with its recorded status (a new activity:
// present), then members the activity recorded who are no longer on the roster (they left the
// org or its standing since), with what was recorded.
export function attendanceEntries(
  roster: readonly ActivityApi.Roster['members'][number][],
  recorded: readonly ActivityApi.AttendanceRow[] | null,
): AttendanceEntry[] {
  const byId = new Map((recorded ?? []).map((r) => [r.member_id, r]))
  const rows: AttendanceEntry[] = roster.map((m) => ({
    member_id: m.member_id,
    name: m.name,
    member_no: m.member_no,
    status: recorded === null ? 'present' : (byId.get(m.member_id)?.status ?? null),
  }))
  const onRoster = new Set(roster.map((m) => m.member_id))
  for (const r of recorded ?? []) {
    if (!onRoster.has(r.member_id)) rows.push({ member_id: r.member_id, name: r.name, member_no: r.member_no, status: r.status })
  }
  return rows
}

// Present, on leave, absent and not recorded.
export function attendanceCounts(entries: readonly AttendanceEntry[]): Record<Attendance | 'none', number> {
  const counts = { present: 0, leave: 0, absent: 0, none: 0 }
  for (const e of entries) counts[e.status ?? 'none'] += 1
  return counts
}

// Person-times as the server counts them: members present + applicants + guests.
export function participantsOf(entries: readonly AttendanceEntry[], applicants: number, guests: number): number {
  return attendanceCounts(entries).present + applicants + guests
}

export function attendancePayload(entries: readonly AttendanceEntry[]): { member_id: number; status: Attendance }[] {
  return entries.flatMap((e) => (e.status ? [{ member_id: e.member_id, status: e.status }] : []))
}

// Whether the picker differs from what the activity recorded (the same people, each with the same
// status; order does not matter).
export function attendanceChanged(
  recorded: readonly ActivityApi.AttendanceRow[],
  entries: readonly AttendanceEntry[],
): boolean {
  const now = attendancePayload(entries)
  if (now.length !== recorded.length) return true
  const before = new Map(recorded.map((r) => [r.member_id, r.status]))
  return now.some((e) => before.get(e.member_id) !== e.status)
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false
  const x = [...a].sort((p, q) => p - q)
  const y = [...b].sort((p, q) => p - q)
  return x.every((v, i) => v === y[i])
}
const sameTexts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i])

// Guest names as the server takes them: trimmed, empty ones dropped, each once.
export function cleanGuests(guests: readonly string[]): string[] {
  const out: string[] = []
  for (const g of guests) {
    const name = g.trim()
    if (name && !out.includes(name)) out.push(name)
  }
  return out
}

export interface ActivityForm {
  org_id: number | null
  kind: ActivityApi.Kind | ''
  held_on: string
  topic: string
  topic_id: number | null
  place: string
  class_hours: number | null
  teacher: string
  summary: string
  applicants: number[]
  guests: string[]
}

// The request body. A new activity sends everything it has (org included). A change sends the
// fields and only the lists that changed: a list given replaces the activity's, and the server
// checks every person on it again (a member who has left since would refuse the whole change).
// Class hours and the teacher go with classes only; a class turned into another kind drops its
// applicants.
export function activityBody(
  form: ActivityForm,
  entries: readonly AttendanceEntry[],
  original: ActivityApi.ActivityDetail | null,
): ActivityApi.Body {
  const kind = form.kind || undefined
  const cls = isClass(form.kind)
  const body: ActivityApi.Body = {
    ...(original === null && form.org_id !== null ? { org_id: form.org_id } : {}),
    ...(kind ? { kind } : {}),
    held_on: form.held_on,
    topic: form.topic.trim(),
    topic_id: form.topic_id,
    place: form.place.trim(),
    summary: form.summary.trim(),
  }
  if (cls) {
    if (form.class_hours !== null) body.class_hours = form.class_hours
    body.teacher = form.teacher.trim()
  }
  const guests = cleanGuests(form.guests)
  const applicants = cls ? [...form.applicants] : []
  if (original === null) {
    body.attendance = attendancePayload(entries)
    if (applicants.length) body.applicants = applicants
    if (guests.length) body.guests = guests
    return body
  }
  if (attendanceChanged(original.attendance, entries)) body.attendance = attendancePayload(entries)
  const before = original.applicants.map((a) => a.applicant_id)
  if (!sameIds(before, applicants)) body.applicants = applicants
  if (!sameTexts(original.guests, guests)) body.guests = guests
  return body
}

// ---- Checks (the server's, for the form).

export type HoursProblem = 'required' | 'half_steps' | 'out_of_range'

export function checkClassHours(hours: number | null | undefined): HoursProblem | null {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return 'required'
  if (!Number.isInteger(hours / CLASS_HOURS.step)) return 'half_steps'
  if (hours < CLASS_HOURS.min || hours > CLASS_HOURS.max) return 'out_of_range'
  return null
}

export type DayProblem = 'required' | 'in_future'

export function checkHeldOn(day: string | null | undefined, today: string): DayProblem | null {
  const text = (day ?? '').trim()
  if (!text) return 'required'
  if (text > today) return 'in_future'
  return null
}

export type GuestProblem = 'empty' | 'too_long' | 'too_many'

export function checkGuests(guests: readonly string[]): GuestProblem | null {
  if (guests.length > LIMITS.guests) return 'too_many'
  for (const g of guests) {
    const name = g.trim()
    if (!name || /[\r\n]/.test(name)) return 'empty'
    if ([...name].length > LIMITS.guest) return 'too_long'
  }
  return null
}

// ---- The server's refusals of people on the lists.

// The details that name one person of a list (attendance[3].member_id, applicants[0], guests[1]),
// in the order given, each with the person's name (null when the request has no such entry);
// `body` is the request that was refused.
export function listProblems(
  details: readonly ApiErrorDetail[],
  body: ActivityApi.Body,
  names: { members: ReadonlyMap<number, string>; applicants: ReadonlyMap<number, string> },
): { who: string | null; message: string }[] {
  const out: { who: string | null; message: string }[] = []
  for (const d of details) {
    const match = /^(attendance|applicants|guests)\[(\d+)\]/.exec(d.field ?? '')
    if (!match) continue
    const i = Number(match[2])
    let who: string | undefined
    if (match[1] === 'attendance') {
      const id = body.attendance?.[i]?.member_id
      who = id === undefined ? undefined : (names.members.get(id) ?? `#${id}`)
    } else if (match[1] === 'applicants') {
      const id = body.applicants?.[i]
      who = id === undefined ? undefined : (names.applicants.get(id) ?? `#${id}`)
    } else {
      who = body.guests?.[i]
    }
    out.push({ who: who ?? null, message: d.message })
  }
  return out
}

// Whether a detail's field is one of a list's people (shown by listProblems, not under a field).
export const isListField = (field: string): boolean => /^(attendance|applicants|guests)\[\d+\]/.test(field)
