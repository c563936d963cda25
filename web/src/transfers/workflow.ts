// Transfers (组织关系转接) as the server runs them (docs/api.md, Transfers), mirrored so that the
// pages offer only the steps the user may take and the start form can tell the user early. The
// server stays the judge: it checks every step again (sides, scope, state).
//
//   pending_out (the sending side approves: the branch, and its committee when the member leaves
//   the committee's subtree) → pending_in (the receiving committee accepts and places the member
//   in a branch) → completed; a transfer out of the deployment completes on the sending side's
//   approval. rejected (sending side) / returned (receiving side) / cancelled (the side that
//   started it) / expired (pending past due_on) end it.
import type { OrgApi } from '@/api/orgs'
import type { TransferApi } from '@/api/transfers'
import type { Permission } from '@/auth/permissions'

type State = TransferApi.State
type Action = TransferApi.Action

export const TRANSFER_STATES: readonly State[] = [
  'pending_out',
  'pending_in',
  'completed',
  'rejected',
  'returned',
  'cancelled',
  'expired',
]
export const OPEN_STATES: readonly State[] = ['pending_out', 'pending_in']
// The states that end a transfer before completion.
export const ENDING_STATES: readonly State[] = ['rejected', 'returned', 'cancelled', 'expired']

export function isOpen(state: State): boolean {
  return OPEN_STATES.includes(state)
}

export function isEnded(state: State): boolean {
  return ENDING_STATES.includes(state)
}

// The steps of el-steps: a transfer out of the deployment has no receiving step.
export function transferSteps(kind: TransferApi.Kind): State[] {
  return kind === 'out' ? ['pending_out', 'completed'] : ['pending_out', 'pending_in', 'completed']
}

export interface StepState {
  steps: State[]
  // The index of the current step (past the last one once completed, so every step shows done).
  active: number
  // Ended before completion: the step it ended at shows as stopped.
  stopped: boolean
}

// Where a transfer stands on its steps. An ended transfer stays at the step it ended from (the
// trail's last step into its state says which; otherwise a rejection ends while pending out, a
// return while pending in).
export function stepState(
  t: Pick<TransferApi.Transfer, 'state' | 'kind'>,
  trail: readonly Pick<TransferApi.TrailEntry, 'state_from' | 'state_to'>[] = [],
): StepState {
  const steps = transferSteps(t.kind)
  if (t.state === 'completed') return { steps, active: steps.length, stopped: false }
  if (!isEnded(t.state)) return { steps, active: Math.max(0, steps.indexOf(t.state)), stopped: false }
  const ending = [...trail].reverse().find((e) => e.state_to === t.state && e.state_from)
  const from = ending?.state_from ?? (t.state === 'returned' ? 'pending_in' : 'pending_out')
  return { steps, active: Math.max(0, steps.indexOf(from)), stopped: true }
}

// Who acts next on an open transfer: the member's branch, the committee above it (when the member
// leaves its subtree), or the receiving side; null once it has ended.
export type Waiting = 'branch' | 'committee' | 'receiving'

export function waitingFor(t: Pick<TransferApi.Transfer, 'state' | 'approvals'>): Waiting | null {
  if (t.state === 'pending_in') return 'receiving'
  if (t.state !== 'pending_out') return null
  return t.approvals.branch ? 'committee' : 'branch'
}

// Which ends of a transfer are in the user's scope: the sending org (from) and the receiving org
// (to; never for a transfer out of the deployment).
export interface TransferSides {
  from: boolean
  to: boolean
}

export function isCommitteeType(type: OrgApi.Type | null | undefined): boolean {
  return type === 'local_committee' || type === 'committee' || type === 'working_committee'
}

// The steps the user may take on `t`, in the order the page shows them. `committeeLevel`: the
// user's own org is a committee (团委, 团工委, 地方团委); with the sending org in scope it is then the
// committee above the member's branch or higher, whose approval the server also records.
//   approve_out — pending out, sending side, and an approval still to give that is the user's:
//                 the branch's (anyone on the sending side gives it), or the committee's;
//   reject      — pending out, sending side;
//   accept      — pending in, receiving side, committee staff (transfer.accept);
//   return      — pending in, receiving side;
//   cancel      — open, the side that started it (the sending side for one the member started).
export function transferActions(
  t: Pick<TransferApi.Transfer, 'state' | 'approvals' | 'started_side'>,
  sides: TransferSides,
  committeeLevel: boolean,
  can: (permission: Permission) => boolean,
): Action[] {
  const write = can('transfer.write')
  const out: Action[] = []
  if (t.state === 'pending_out' && sides.from && write) {
    const a = t.approvals
    const committeeDue = a.committee_needed && !a.committee && committeeLevel
    if (!a.branch || committeeDue) out.push('approve_out')
  }
  if (t.state === 'pending_in' && sides.to && can('transfer.accept')) out.push('accept')
  if (t.state === 'pending_out' && sides.from && write) out.push('reject')
  if (t.state === 'pending_in' && sides.to && write) out.push('return')
  if (isOpen(t.state) && write && (t.started_side === 'receiving' ? sides.to : sides.from)) out.push('cancel')
  return out
}

// Steps that need a reason (the server refuses them without one).
export function actionNeedsReason(action: Action): boolean {
  return action === 'reject' || action === 'return'
}

// Where the receiving committee may place the member: a branch or a general branch (the orgs that
// hold members) within the destination (the picker's tree starts at the destination).
export function canHoldMembers(org: Pick<OrgApi.Org, 'type'>): boolean {
  return org.type === 'branch' || org.type === 'general_branch'
}

// The server's limits (characters, not bytes).
export const START_LIMITS = { member_name: 50, external_name: 100, external_code: 50, note: 500 } as const
const MEMBER_NO = /^\d{8,20}$/

const length = (text: string) => [...text].length

// Where a transfer goes: an org of the user's scope picked from the tree (internal), an org
// anywhere in this deployment named by its code and confirmed by a lookup (code; GET
// /transfers/destination), or an org outside the deployment (external: a name and an optional
// code). The sending side, the graduate hand-off and a member asking for themself may name any
// org by code; the receiving side names one of its own scope.
export type DestinationKind = 'internal' | 'code' | 'external'

export interface DestinationForm {
  destination: DestinationKind
  to_org_id: number | null
  // The code typed, and the org the lookup found for it (null until found).
  to_org_code: string
  code_org: TransferApi.Destination | null
  external_name: string
  external_code: string
}

export type DestinationField = 'to_org_id' | 'to_org_code' | 'external_name' | 'external_code'
// not_confirmed: a code typed but not looked up (or changed since the lookup).
export type DestinationProblem = 'required' | 'too_long' | 'same_org' | 'not_confirmed'

export function emptyDestination(destination: DestinationKind = 'internal'): DestinationForm {
  return { destination, to_org_id: null, to_org_code: '', code_org: null, external_name: '', external_code: '' }
}

// The destination's problems, one a field. `memberOrgId`: the member's org, which is no
// destination (same_org).
export function checkDestination(
  form: DestinationForm,
  memberOrgId: number | null = null,
): Partial<Record<DestinationField, DestinationProblem>> {
  const problems: Partial<Record<DestinationField, DestinationProblem>> = {}
  if (form.destination === 'internal') {
    if (form.to_org_id === null) problems.to_org_id = 'required'
    else if (memberOrgId !== null && form.to_org_id === memberOrgId) problems.to_org_id = 'same_org'
  } else if (form.destination === 'code') {
    const code = form.to_org_code.trim()
    if (code === '') problems.to_org_code = 'required'
    else if (!form.code_org || form.code_org.code !== code) problems.to_org_code = 'not_confirmed'
    else if (memberOrgId !== null && form.code_org.id === memberOrgId) problems.to_org_code = 'same_org'
  } else {
    const name = form.external_name.trim()
    if (name === '') problems.external_name = 'required'
    else if (length(name) > START_LIMITS.external_name) problems.external_name = 'too_long'
    if (length(form.external_code.trim()) > START_LIMITS.external_code) problems.external_code = 'too_long'
  }
  return problems
}

export type DestinationBody =
  | { to_org_id: number }
  | { to_org_code: string }
  | { external_name: string; external_code?: string }

// The destination as the request names it (null while it has a problem). An org found by code
// goes by its code (the server looks it up again) unless `byId` (the bulk route takes an id).
export function destinationBody(form: DestinationForm, byId = false): DestinationBody | null {
  if (Object.keys(checkDestination(form)).length > 0) return null
  if (form.destination === 'internal') return form.to_org_id === null ? null : { to_org_id: form.to_org_id }
  if (form.destination === 'code') {
    if (!form.code_org) return null
    return byId ? { to_org_id: form.code_org.id } : { to_org_code: form.code_org.code }
  }
  const code = form.external_code.trim()
  return { external_name: form.external_name.trim(), ...(code ? { external_code: code } : {}) }
}

// The start form (发起转接). 转出 (out): the sending side picks a member of its scope and a
// destination: an org of its scope, any org of the deployment by code, or one outside the
// deployment. 转入 (in): the receiving side names the member by number and name and a destination
// in its scope.
export type StartMode = 'out' | 'in'

export interface StartForm extends DestinationForm {
  mode: StartMode
  member_id: number | null
  member_no: string
  member_name: string
  reason: TransferApi.Reason | ''
  note: string
}

export type StartField = 'member_id' | 'member_no' | 'member_name' | DestinationField | 'reason' | 'note'
export type StartProblem = 'required' | 'too_long' | 'invalid_format' | DestinationProblem
export type StartProblems = Partial<Record<StartField, StartProblem>>

export function emptyStartForm(mode: StartMode = 'out'): StartForm {
  return {
    mode,
    member_id: null,
    member_no: '',
    member_name: '',
    ...emptyDestination(),
    reason: '',
    note: '',
  }
}

// The form's problems, one a field. `memberOrgId`: the picked member's org (转出), whose own org
// is no destination.
export function checkStart(form: StartForm, memberOrgId: number | null = null): StartProblems {
  const problems: StartProblems = {}
  if (form.mode === 'out') {
    if (form.member_id === null) problems.member_id = 'required'
  } else {
    const no = form.member_no.trim()
    if (no === '') problems.member_no = 'required'
    else if (!MEMBER_NO.test(no)) problems.member_no = 'invalid_format'
    const name = form.member_name.trim()
    if (name === '') problems.member_name = 'required'
    else if (length(name) > START_LIMITS.member_name) problems.member_name = 'too_long'
  }
  // The receiving side's destination is always an org of its own scope.
  if (form.mode === 'in') {
    if (form.to_org_id === null) problems.to_org_id = 'required'
  } else {
    Object.assign(problems, checkDestination(form, memberOrgId))
  }
  if (form.reason === '') problems.reason = 'required'
  if (length(form.note.trim()) > START_LIMITS.note) problems.note = 'too_long'
  return problems
}

// The request body of a valid form (null while checkStart finds a problem).
export function startBody(form: StartForm, memberOrgId: number | null = null): TransferApi.StartBody | null {
  if (Object.keys(checkStart(form, memberOrgId)).length > 0 || form.reason === '') return null
  const note = form.note.trim()
  const tail = { reason: form.reason, ...(note ? { note } : {}) }
  if (form.mode === 'in') {
    if (form.to_org_id === null) return null
    return { member_no: form.member_no.trim(), member_name: form.member_name.trim(), to_org_id: form.to_org_id, ...tail }
  }
  if (form.member_id === null) return null
  const destination = destinationBody(form)
  if (!destination) return null
  return { member_id: form.member_id, ...destination, ...tail }
}

// The destination as one text: the org here, or the one outside the deployment (with its code).
export function destinationText(t: Pick<TransferApi.Transfer, 'to_org_name' | 'external_name' | 'external_code'>): string {
  if (t.to_org_name) return t.to_org_name
  if (!t.external_name) return ''
  return t.external_code ? `${t.external_name} (${t.external_code})` : t.external_name
}

// The day each step was reached (for el-steps): the start, the sending side's last approval (the
// trail's step into pending_in), the completion; null for a step not reached.
export function stepDate(
  t: Pick<TransferApi.Transfer, 'started_on' | 'completed_on'>,
  trail: readonly Pick<TransferApi.TrailEntry, 'at' | 'state_to'>[],
  step: State,
): string | null {
  if (step === 'pending_out') return t.started_on
  if (step === 'completed') return t.completed_on
  if (step === 'pending_in') return trail.find((e) => e.state_to === 'pending_in')?.at ?? null
  return null
}
