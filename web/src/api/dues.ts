// League dues (团费) (docs/api.md, Dues). Money is integer fen; months are 'YYYY-MM'.
import { http, type Page } from './request'

export namespace DuesApi {
  // 学生, 无收入, 农民, 有工资收入 (by the fixed after-tax monthly wage).
  export type Category = 'student' | 'no_income' | 'farmer' | 'waged'
  export type Method = 'cash' | 'bank' | 'other'
  // A refund is a new negative row for the latest paid months; nothing is edited.
  export type PaymentKind = 'payment' | 'refund'

  // The standards in force from effective_from on (a later set replaces an earlier one).
  export interface StandardValues {
    effective_from: string
    student_fen: number
    no_income_fen: number
    farmer_fen: number
    // Below the wage threshold.
    low_wage_fen: number
    wage_threshold_fen: number
    // From the threshold on: the wage × per mille, rounded down to whole yuan, at most max_fen.
    wage_per_mille: number
    max_fen: number
    // The ledger starts this many months after the admission month.
    start_offset_months: number
    branch_keep_percent: number
    committee_keep_percent: number
  }

  export interface Standard extends StandardValues {
    created_at: string
    created_by: string
  }

  export interface Standards {
    items: Standard[]
    // The national defaults (in force before any standard is set).
    defaults: StandardValues
  }

  // Absent fields take the national defaults.
  export type StandardBody = Pick<StandardValues, 'effective_from'> & Partial<Omit<StandardValues, 'effective_from'>>

  export interface LedgerMonth {
    month: string
    due_fen: number
    paid_fen: number
    settled: boolean
  }

  export interface Allocation {
    month: string
    amount_fen: number
  }

  export interface Payment {
    id: number
    kind: PaymentKind
    paid_on: string
    method: Method
    receipt_no: string
    // Negative for a refund.
    amount_fen: number
    months: number
    note: string
    allocations: Allocation[]
    created_at: string
    created_by: string
  }

  export interface MemberRef {
    member_id: number
    name: string
    member_no: string | null
    org_id: number
    org_name: string
  }

  export interface Ledger extends MemberRef {
    // The category in use: the one on record, else the one that follows from the occupation.
    category: Category
    category_on_record: boolean
    wage_fen: number | null
    // Today's monthly amount.
    monthly_fen: number
    // Consecutive unpaid months up to last month.
    arrears_months: number
    // Unpaid through this month.
    owed_fen: number
    // From the first due month to this month, and beyond it for months paid ahead.
    months: LedgerMonth[]
    payments: Payment[]
  }

  // category '' or null: back to the occupation; wage_fen null: cleared.
  export interface ProfileBody {
    category?: Category | '' | null
    wage_fen?: number | null
  }

  export interface PaymentBody {
    months: number
    paid_on: string
    method: Method
    receipt_no?: string
    // Required for a refund.
    note?: string
  }

  export interface GridRow extends MemberRef {
    monthly_fen: number
    arrears_months: number
    // The year's twelve months (due 0 before the member's ledger starts).
    months: LedgerMonth[]
  }

  export interface Grid {
    year: number
    items: GridRow[]
  }

  export interface ArrearsRow extends MemberRef {
    months: number
    owed_fen: number
    // 6 or more months: one of the signs of 自行脱团 for the branch to look into, never acted on.
    lapse_sign: boolean
  }

  export interface ArrearsQuery {
    org_id?: number
    subtree?: boolean
    min_months?: number
    page?: number
    size?: number
  }

  export interface StatsRow {
    org_id: number
    org_name: string
    members_due: number
    members_paid: number
    paid_rate_permille: number
    due_fen: number
    paid_fen: number
  }

  export interface Stats extends StatsRow {
    month: string
    children: StatsRow[]
  }

  export interface Remittance {
    id: number
    from: string
    to: string
    collected_fen: number
    received_fen: number
    kept_fen: number
    remitted_fen: number
    keep_percent: number
    created_at: string
    created_by: string
  }

  export interface RemittanceView {
    org_id: number
    org_name: string
    // null: the org has not recorded the period.
    remittance: Remittance | null
    // What the children recorded as remitted for the period.
    children_remitted_fen: number
    // Open children with no record for the period.
    children_missing: string[]
    reconciles: boolean
  }

  export interface Remittances extends RemittanceView {
    children: RemittanceView[]
  }
}

export const DUES_CATEGORIES: readonly DuesApi.Category[] = ['student', 'no_income', 'farmer', 'waged']
export const PAYMENT_METHODS: readonly DuesApi.Method[] = ['cash', 'bank', 'other']

// A dialog shows its own refusals (422, and a 409 for a period recorded already).
const DIALOG_SHOWS = { silent: (e: { status: number }) => e.status === 422 || e.status === 409 }

export function listStandards(): Promise<DuesApi.Standards> {
  return http.get<DuesApi.Standards>('/dues/standards')
}

export function createStandard(body: DuesApi.StandardBody): Promise<DuesApi.Standard> {
  return http.post<DuesApi.Standard>('/dues/standards', body, DIALOG_SHOWS)
}

export function getLedger(memberId: number): Promise<DuesApi.Ledger> {
  return http.get<DuesApi.Ledger>(`/dues/members/${memberId}`)
}

export function setProfile(memberId: number, body: DuesApi.ProfileBody): Promise<DuesApi.Ledger> {
  return http.patch<DuesApi.Ledger>(`/dues/members/${memberId}`, body, DIALOG_SHOWS)
}

export function recordPayment(memberId: number, body: DuesApi.PaymentBody): Promise<DuesApi.Ledger> {
  return http.post<DuesApi.Ledger>(`/dues/members/${memberId}/payments`, body, DIALOG_SHOWS)
}

export function recordRefund(memberId: number, body: DuesApi.PaymentBody): Promise<DuesApi.Ledger> {
  return http.post<DuesApi.Ledger>(`/dues/members/${memberId}/refunds`, body, DIALOG_SHOWS)
}

export function duesGrid(orgId: number, year: number): Promise<DuesApi.Grid> {
  return http.get<DuesApi.Grid>('/dues/grid', { query: { org_id: orgId, year } })
}

export function listArrears(query: DuesApi.ArrearsQuery = {}): Promise<Page<DuesApi.ArrearsRow>> {
  return http.get<Page<DuesApi.ArrearsRow>>('/dues/arrears', { query: { ...query } })
}

export function duesStats(orgId: number, month?: string): Promise<DuesApi.Stats> {
  return http.get<DuesApi.Stats>('/dues/stats', { query: { org_id: orgId, month } })
}

export function listRemittances(orgId: number, from: string, to: string): Promise<DuesApi.Remittances> {
  return http.get<DuesApi.Remittances>('/dues/remittances', { query: { org_id: orgId, from, to } })
}

export function recordRemittance(orgId: number, from: string, to: string): Promise<DuesApi.RemittanceView> {
  return http.post<DuesApi.RemittanceView>('/dues/remittances', { org_id: orgId, from, to }, DIALOG_SHOWS)
}

// The newest payment row of a ledger (the one a payment or refund just added): the server's
// amount is the one to show.
export function newestPayment(ledger: Pick<DuesApi.Ledger, 'payments'>): DuesApi.Payment | null {
  let newest: DuesApi.Payment | null = null
  for (const p of ledger.payments) if (!newest || p.id > newest.id) newest = p
  return newest
}
