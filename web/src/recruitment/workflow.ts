// The recruitment workflow as the server runs it (docs/api.md, Recruitment), mirrored so that
// the file page offers only the next allowed step and its form can tell the user early. The
// server stays the judge: it checks every step again against the year's rules.
//
// Dates are calendar dates as 'YYYY-MM-DD' strings (they compare correctly as text).
import type { RecruitmentApi } from '@/api/recruitment'
import type { Permission } from '@/auth/permissions'
import { parseIsoDate } from '@/members/rules'

type Stage = RecruitmentApi.Stage

// The stages a file goes through, in order (the steps of el-steps).
export const STAGE_ORDER: readonly Stage[] = [
  'applied',
  'activist',
  'candidate',
  'branch_approved',
  'approved',
  'admitted',
]
// Stages that end a file before admission, from any open stage.
export const ENDING_STAGES: readonly ('rejected' | 'withdrawn')[] = ['rejected', 'withdrawn']
export const ALL_STAGES: readonly Stage[] = [...STAGE_ORDER, ...ENDING_STAGES]
// The open stages: every stage before admission.
export const OPEN_STAGES: readonly Stage[] = STAGE_ORDER.slice(0, -1)

export function isOpen(stage: Stage): boolean {
  return OPEN_STAGES.includes(stage)
}

export function isEnded(stage: Stage): boolean {
  return (ENDING_STAGES as readonly Stage[]).includes(stage)
}

// The stage after `stage` in order; null for admitted and the ending stages.
export function nextStage(stage: Stage): Stage | null {
  if (!isOpen(stage)) return null
  return STAGE_ORDER[STAGE_ORDER.indexOf(stage) + 1] ?? null
}

// The permission a step to `to` needs: the committee's approval and the admission need
// recruitment.approve, every other step recruitment.write.
export function stepPermission(to: Stage): Permission {
  return to === 'approved' || to === 'admitted' ? 'recruitment.approve' : 'recruitment.write'
}

export interface NextActions {
  // The next stage in order, when the user may take that step.
  advance: Stage | null
  // Rejection and withdrawal, while the file is open.
  end: ('rejected' | 'withdrawn')[]
  // Recording a talk and class hours, while the file is open.
  talk: boolean
  classHours: boolean
}

// What the user may do with a file at `stage`: the next allowed actions only.
export function nextActions(stage: Stage, can: (permission: Permission) => boolean): NextActions {
  const open = isOpen(stage)
  const write = open && can('recruitment.write')
  const next = nextStage(stage)
  return {
    advance: next !== null && can(stepPermission(next)) ? next : null,
    end: write ? [...ENDING_STAGES] : [],
    talk: write,
    classHours: write,
  }
}

// The step of el-steps a file is at, and whether it stopped there (rejected or withdrawn):
// `active` is the index of the current stage (for an admitted file, past the last step, so
// every step shows as done); an ended file stays at the stage it ended from.
export function stepState(
  stage: Stage,
  timeline: readonly RecruitmentApi.TimelineEntry[] = [],
): { active: number; stopped: boolean } {
  if (stage === 'admitted') return { active: STAGE_ORDER.length, stopped: false }
  if (!isEnded(stage)) return { active: Math.max(0, STAGE_ORDER.indexOf(stage)), stopped: false }
  const ending = [...timeline].reverse().find((e) => e.stage_to === stage && e.stage_from)
  const from = ending?.stage_from ?? 'applied'
  return { active: Math.max(0, STAGE_ORDER.indexOf(from)), stopped: true }
}

export type StepDateProblem = 'required' | 'invalid_format' | 'in_future' | 'before_previous'

// A step's date: not in the future, not before the previous step's.
export function checkStepDate(date: string | null | undefined, previous: string | null, today: string): StepDateProblem | null {
  const text = (date ?? '').trim()
  if (text === '') return 'required'
  if (!parseIsoDate(text)) return 'invalid_format'
  if (text > today) return 'in_future'
  if (previous && text < previous) return 'before_previous'
  return null
}

// The number of people a step names: 1–2 sponsors (activist), exactly 2 introducers (candidate).
export const SPONSORS = { min: 1, max: 2 } as const
export const INTRODUCERS = { min: 2, max: 2 } as const

export function checkPeopleCount(count: number, bounds: { min: number; max: number }): 'too_few' | 'too_many' | null {
  if (count < bounds.min) return 'too_few'
  if (count > bounds.max) return 'too_many'
  return null
}

export type VoteProblem = 'required' | 'whole' | 'no_eligible' | 'present_above_eligible' | 'yes_above_present'

export interface VoteCheck {
  // The numbers themselves are wrong (missing, fractional, more present than eligible, ...).
  problem: VoteProblem | null
  // More than half of those with a vote present: 2 × present > eligible.
  quorum: boolean
  // More than half of those present voting yes: 2 × yes > present.
  majority: boolean
  // Both, with consistent numbers: the meeting admitted the candidate.
  passed: boolean
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0

// The branch general meeting's vote, with the server's integer rule (no fractions enter it).
export function checkVote(
  eligible: number | null | undefined,
  present: number | null | undefined,
  yes: number | null | undefined,
): VoteCheck {
  const values = [eligible, present, yes]
  if (values.some((v) => v === null || v === undefined || Number.isNaN(v))) {
    return { problem: 'required', quorum: false, majority: false, passed: false }
  }
  if (!values.every(isWhole)) return { problem: 'whole', quorum: false, majority: false, passed: false }
  const e = eligible as number
  const p = present as number
  const y = yes as number
  const quorum = 2 * p > e
  const majority = 2 * y > p
  let problem: VoteProblem | null = null
  if (e < 1) problem = 'no_eligible'
  else if (p > e) problem = 'present_above_eligible'
  else if (y > p) problem = 'yes_above_present'
  return { problem, quorum, majority, passed: problem === null && quorum && majority }
}

export type ClassHoursProblem = 'required' | 'half_steps' | 'out_of_range'

export const CLASS_HOURS = { min: 0.5, max: 24, step: 0.5 } as const

// One class-hour entry: 0.5 to 24 hours in steps of 0.5.
export function checkClassHours(hours: number | null | undefined): ClassHoursProblem | null {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return 'required'
  if (!Number.isInteger(hours / CLASS_HOURS.step)) return 'half_steps'
  if (hours < CLASS_HOURS.min || hours > CLASS_HOURS.max) return 'out_of_range'
  return null
}

// A timeline entry's data as lines to show (docs/api.md names no keys; these are the server's):
// each known key in a fixed order with its value as text (people by name with their member
// number, the graduating-class quota as "count/cap"), unknown scalar keys after them as they
// are. Ids, and the name and ID number the file itself shows, are left out. The page labels
// the keys and formats dates and hours (DATE_KEYS, HOURS_KEYS).
export interface DataLine {
  key: string
  value: string
}

const DATA_ORDER = [
  'sponsors',
  'introducers',
  'activist_since',
  'class_hours',
  'eligible',
  'present',
  'yes',
  'hours',
  'total',
  'topic',
  'talk_on',
  'note',
  'quota',
  'member_no',
  'join_date',
  'reason',
] as const
const HIDDEN_KEYS: readonly string[] = ['name', 'id_number']
export const DATE_KEYS: readonly string[] = ['activist_since', 'talk_on', 'join_date']
export const HOURS_KEYS: readonly string[] = ['class_hours', 'hours', 'total']

function personText(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'name' in value) {
    const person = value as { name: unknown; member_no?: unknown }
    const no = typeof person.member_no === 'string' && person.member_no ? ` (${person.member_no})` : ''
    return `${String(person.name)}${no}`
  }
  return String(value)
}

function quotaText(value: object): string | null {
  const { cap, count } = value as { cap?: unknown; count?: unknown }
  return typeof cap === 'number' && typeof count === 'number' ? `${count}/${cap}` : null
}

export function timelineData(data: Record<string, unknown> | null | undefined, separator = '、'): DataLine[] {
  if (!data) return []
  const known = DATA_ORDER as readonly string[]
  const keys = [
    ...known.filter((k) => k in data),
    ...Object.keys(data).filter((k) => !known.includes(k) && !HIDDEN_KEYS.includes(k) && !/_ids?$/.test(k)),
  ]
  const lines: DataLine[] = []
  for (const key of keys) {
    const value = data[key]
    if (value === null || value === undefined || value === '') continue
    if (Array.isArray(value)) {
      if (value.length > 0) lines.push({ key, value: value.map(personText).join(separator) })
    } else if (typeof value === 'object') {
      const text = key === 'quota' ? quotaText(value) : null
      if (text) lines.push({ key, value: text })
    } else {
      lines.push({ key, value: String(value) })
    }
  }
  return lines
}
