// Transfers of a member's League relationship (组织关系转接) (docs/api.md, Transfers).
import type { OrgApi } from './orgs'
import { http, MAX_PAGE_SIZE, type Page } from './request'

export namespace TransferApi {
  export type Reason = 'job' | 'study' | 'move' | 'graduation' | 'army' | 'abroad' | 'other'
  export type State = 'pending_out' | 'pending_in' | 'completed' | 'rejected' | 'returned' | 'cancelled' | 'expired'
  // The state filter of the list: a state, the open ones (pending_out, pending_in), or all.
  export type StateFilter = State | 'open' | 'all'
  // internal: between two orgs of this deployment; out: to an org outside it.
  export type Kind = 'internal' | 'out'
  // Who started it.
  export type Side = 'sending' | 'receiving' | 'member'
  export type Direction = 'incoming' | 'outgoing'
  // The steps of POST /transfers/{id}/actions (expire is the server's daily job's alone).
  export type Action = 'approve_out' | 'reject' | 'accept' | 'return' | 'cancel'
  // The actions of the trail: the steps, the start and the expiry.
  export type TrailAction = Action | 'start' | 'expire'

  // The sending side's approvals: the branch's, and the committee's when the member leaves the
  // committee's subtree (committee_needed).
  export interface Approvals {
    branch: boolean
    committee: boolean
    committee_needed: boolean
  }

  export interface Transfer {
    id: number
    member_id: number
    member_name: string
    member_no: string | null
    kind: Kind
    reason: Reason
    note: string
    from_org_id: number
    from_org_name: string
    // An internal transfer's destination; null for one out of the deployment.
    to_org_id: number | null
    to_org_name: string | null
    // A transfer out of the deployment's destination.
    external_name: string | null
    external_code: string | null
    state: State
    started_side: Side
    started_on: string
    // 3 months after the start; past it an open transfer is overdue (and the server expires it).
    due_on: string
    overdue: boolean
    approvals: Approvals
    // The branch the receiving committee placed the member in.
    placed_org_id: number | null
    placed_org_name: string | null
    completed_on: string | null
    // The reason given to reject, return or cancel ('expired' for an expiry); '' otherwise.
    end_reason: string
    created_at: string
    created_by: string
    updated_at: string
  }

  export interface TrailEntry {
    id: number
    at: string
    actor_username: string | null
    action: TrailAction | string
    state_from: State | null
    state_to: State
    note: string
  }

  export interface TransferDetail extends Transfer {
    trail: TrailEntry[]
  }

  export interface ListQuery {
    org_id?: number
    subtree?: boolean
    direction?: Direction
    state?: StateFilter
    overdue?: boolean
    member_id?: number
    page?: number
    size?: number
  }

  // The sending side names the member by id; the receiving side by number and name (both must
  // match). The destination is an org here (to_org_id, or to_org_code for one outside the
  // caller's scope) or one outside the deployment (external_name, _code).
  export type DestinationBody =
    | { to_org_id: number }
    | { to_org_code: string }
    | { external_name: string; external_code?: string }

  export type StartBody = ({ member_id: number } | { member_no: string; member_name: string }) &
    DestinationBody & {
      reason: Reason
      note?: string
    }

  // An open org anywhere in the deployment, found by its code (GET /transfers/destination).
  export interface Destination {
    id: number
    name: string
    code: string
    type: OrgApi.Type
  }

  // A member of a school branch whose class has graduated (on or before the list's day), in
  // standing and in no open transfer: the graduate hand-off list (学社衔接).
  export interface Graduate {
    member_id: number
    name: string
    member_no: string | null
    org_id: number
    org_name: string
    graduation_date: string
  }

  export interface GraduatesQuery {
    org_id?: number
    subtree?: boolean
    // YYYY-MM-DD; the server's today by default.
    on?: string
    page?: number
    size?: number
  }

  // One destination for every member, all or none; reason graduation unless given.
  export type BulkBody = { member_ids: number[] } & (
    | { to_org_id: number }
    | { external_name: string; external_code?: string }
  ) & { reason?: Reason; note?: string }

  // A member asking for their own transfer (团员自助): the destination by code (or id), or outside.
  export type OwnBody = DestinationBody & { reason: Reason; note?: string }

  export interface ActionBody {
    action: Action
    // accept: the branch (or general branch) within the destination the member goes to.
    placed_org_id?: number
    // Required for reject and return; a note otherwise.
    reason?: string
  }
}

export const TRANSFER_REASONS: readonly TransferApi.Reason[] = [
  'job',
  'study',
  'move',
  'graduation',
  'army',
  'abroad',
  'other',
]

// Refusals of a step (422: a rule or a field; 409: someone else acted first) are shown in the
// dialog itself; anything else (403 the other side's step, 404, a network failure) by the request
// client. A start's dialog also tells a 404 (a member or destination the user may not name, or a
// member number and name that do not match) and a 409 (the member has an open transfer).
const STEP_DIALOG_SHOWS = { silent: (e: { status: number }) => e.status === 422 || e.status === 409 }
const START_DIALOG_SHOWS = { silent: (e: { status: number }) => e.status === 422 || e.status === 409 || e.status === 404 }

export function listTransfers(query: TransferApi.ListQuery = {}): Promise<Page<TransferApi.Transfer>> {
  return http.get<Page<TransferApi.Transfer>>('/transfers', { query: { ...query } })
}

export function getTransfer(id: number): Promise<TransferApi.TransferDetail> {
  return http.get<TransferApi.TransferDetail>(`/transfers/${id}`)
}

export function startTransfer(body: TransferApi.StartBody): Promise<TransferApi.TransferDetail> {
  return http.post<TransferApi.TransferDetail>('/transfers', body, START_DIALOG_SHOWS)
}

// Graduates waiting for the hand-off.
export function listGraduates(query: TransferApi.GraduatesQuery = {}): Promise<Page<TransferApi.Graduate>> {
  return http.get<Page<TransferApi.Graduate>>('/transfers/graduates', { query: { ...query } })
}

// Transfers of several members to one destination, all or none; a refusal names the member as
// member_ids[i] (the dialog says who).
export function startBulkTransfers(body: TransferApi.BulkBody): Promise<{ items: TransferApi.TransferDetail[] }> {
  return http.post<{ items: TransferApi.TransferDetail[] }>('/transfers/bulk', body, START_DIALOG_SHOWS)
}

// An org by its code for naming a destination outside the caller's scope. A code that names no
// open org answers 404, which the lookup shows beside the code (not as a message of its own).
export function findDestination(code: string): Promise<TransferApi.Destination> {
  return http.get<TransferApi.Destination>('/transfers/destination', {
    query: { code: code.trim() },
    silent: (e) => e.status === 404,
  })
}

export function actOnTransfer(id: number, body: TransferApi.ActionBody): Promise<TransferApi.TransferDetail> {
  return http.post<TransferApi.TransferDetail>(`/transfers/${id}/actions`, body, STEP_DIALOG_SHOWS)
}

// Which ends of a transfer are in the user's scope, as the server decides whose step is whose:
// the transfer is among the member's outgoing ones (its sending org in scope) and among the
// incoming ones (its receiving org in scope). A member has few transfers.
export async function transferSides(t: Pick<TransferApi.Transfer, 'id' | 'member_id'>): Promise<{ from: boolean; to: boolean }> {
  const among = async (direction: TransferApi.Direction) => {
    const page = await listTransfers({ member_id: t.member_id, direction, state: 'all', size: MAX_PAGE_SIZE })
    return page.items.some((item) => item.id === t.id)
  }
  const [from, to] = await Promise.all([among('outgoing'), among('incoming')])
  return { from, to }
}
