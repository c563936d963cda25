// Member self-service (团员自助) (docs/api.md, Self-service): a member signed in with their own
// account (role member, linked to their record by member_id) reads their record and dues and asks
// for a transfer, which the branch and the committees then decide; they may cancel it while it is
// pending (POST /transfers/{id}/actions, actOnTransfer). An account linked to no member answers
// 403, which the page explains itself (so these calls keep quiet about a 403).
import type { DuesApi } from './dues'
import type { MemberApi } from './members'
import { http } from './request'
import type { TransferApi } from './transfers'

const PAGE_SHOWS_403 = { silent: (e: { status: number }) => e.status === 403 }

// The member's own record, ID and phone numbers masked.
export function getMyMember(): Promise<MemberApi.Member> {
  return http.get<MemberApi.Member>('/me/member', PAGE_SHOWS_403)
}

export function getMyDues(): Promise<DuesApi.Ledger> {
  return http.get<DuesApi.Ledger>('/me/dues', PAGE_SHOWS_403)
}

export function getMyTransfers(): Promise<{ items: TransferApi.TransferDetail[] }> {
  return http.get<{ items: TransferApi.TransferDetail[] }>('/me/transfers', PAGE_SHOWS_403)
}

// The request starts pending_out (asking is no approval). The dialog shows 404 (no open org with
// that code), 409 (an open transfer exists) and 422 itself.
export function requestMyTransfer(body: TransferApi.OwnBody): Promise<TransferApi.TransferDetail> {
  return http.post<TransferApi.TransferDetail>('/me/transfers', body, {
    silent: (e) => e.status === 422 || e.status === 409 || e.status === 404,
  })
}
