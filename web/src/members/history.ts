// A member history entry's `changes` as lines to show. Edits record each field as
// {"from","to"} (a creation only "to"); the workflow steps that write to a member's history
// (admission, evaluation, registration, party_recommendation) record their data as plain values
// ({"year":2025,"grade":"qualified","present":true}). Ids are left out; a Party vote's head
// count `present` (a number) is told apart from an evaluation's attendance (true/false) as
// `present_count`. A transfer records the move as a field change ({"org":{"from","to"}}); one out
// of the system its destination (external_name, external_code) as plain values.
import type { MemberApi } from '@/api/members'

export type HistoryValue = string | number | boolean

export interface HistoryLine {
  key: string
  // The value before, for a field change that had one; null otherwise.
  from: HistoryValue | null
  to: HistoryValue | null
  // A field change (shown as before → after) rather than a recorded value.
  change: boolean
}

// The keys of the workflow steps' data, in the order to show them.
const DATA_ORDER = [
  'year',
  'grade',
  'present',
  'stage',
  'party_applied_on',
  'eligible',
  'present_count',
  'yes',
  'rank',
  'note',
  'member_no',
  'join_date',
  'external_name',
  'external_code',
] as const

// Keys holding a calendar date.
export const HISTORY_DATE_KEYS: readonly string[] = ['join_date', 'party_applied_on']

const isScalar = (v: unknown): v is HistoryValue =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'

function isFieldChange(v: unknown): v is MemberApi.FieldChange {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && ('to' in v || 'from' in v)
}

export function historyLines(changes: MemberApi.HistoryEntry['changes'] | null | undefined): HistoryLine[] {
  if (!changes) return []
  const lines: HistoryLine[] = []
  for (const [rawKey, value] of Object.entries(changes)) {
    if (/(^|_)id$/.test(rawKey)) continue
    if (isFieldChange(value)) {
      const from = 'from' in value && value.from !== undefined ? value.from : null
      lines.push({ key: rawKey, from, to: value.to ?? null, change: true })
    } else if (isScalar(value)) {
      const key = rawKey === 'present' && typeof value === 'number' ? 'present_count' : rawKey
      lines.push({ key, from: null, to: value, change: false })
    }
  }
  // Field changes keep the server's order; recorded values go in the fixed order.
  if (lines.some((line) => line.change)) return lines
  const rank = (key: string) => {
    const i = (DATA_ORDER as readonly string[]).indexOf(key)
    return i < 0 ? DATA_ORDER.length : i
  }
  return lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => rank(a.line.key) - rank(b.line.key) || a.index - b.index)
    .map(({ line }) => line)
}
