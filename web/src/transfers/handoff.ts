// The graduate hand-off (学社衔接; docs/api.md, Transfers): graduates of school branches are sent in
// bulk to one destination (an employer's org, the town's hand-off branch, a new school, the army
// registry or the branch for members abroad), all or none. The server names a member it refused
// as `member_ids[i]`; the dialog says who that is.
import type { ApiErrorDetail } from '@/api/request'
import type { TransferApi } from '@/api/transfers'
import {
  checkDestination,
  destinationBody,
  emptyDestination,
  START_LIMITS,
  type DestinationField,
  type DestinationForm,
  type DestinationProblem,
} from './workflow'

export interface BulkForm extends DestinationForm {
  reason: TransferApi.Reason
  note: string
}

export type BulkField = DestinationField | 'note'
export type BulkProblems = Partial<Record<BulkField, DestinationProblem>>

export function emptyBulkForm(): BulkForm {
  return { ...emptyDestination('internal'), reason: 'graduation', note: '' }
}

export function checkBulk(form: BulkForm): BulkProblems {
  const problems: BulkProblems = { ...checkDestination(form) }
  if ([...form.note.trim()].length > START_LIMITS.note) problems.note = 'too_long'
  return problems
}

// The request of a valid form for `memberIds` (null while the form has a problem or no one is
// chosen). An org found by its code goes by its id (the bulk route names orgs by id).
export function bulkBody(form: BulkForm, memberIds: readonly number[]): TransferApi.BulkBody | null {
  if (memberIds.length === 0 || Object.keys(checkBulk(form)).length > 0) return null
  const destination = destinationBody(form, true)
  if (!destination || 'to_org_code' in destination) return null
  const note = form.note.trim()
  return { member_ids: [...memberIds], ...destination, reason: form.reason, ...(note ? { note } : {}) }
}

const MEMBER_FIELD = /^member_ids\[(\d+)\]$/

// The member a bulk refusal names (its detail `member_ids[i]`, i into the ids sent) and what the
// server said about them; null when the refusal names no member (the destination, the form).
export function refusedMember<M extends { name: string }>(
  details: readonly ApiErrorDetail[],
  members: readonly M[],
): { member: M | null; index: number; message: string } | null {
  for (const d of details) {
    const m = d.field ? MEMBER_FIELD.exec(d.field) : null
    if (!m) continue
    const index = Number(m[1])
    return { member: members[index] ?? null, index, message: d.message }
  }
  return null
}
