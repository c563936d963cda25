// Display texts for the API's enumerations and instants, in the current language.
import { useI18n } from 'vue-i18n'
import type { AuthApi } from '@/api/auth'
import type { CadreApi } from '@/api/cadres'
import type { DuesApi } from '@/api/dues'
import type { MemberApi } from '@/api/members'
import type { OrgApi } from '@/api/orgs'
import type { RecruitmentApi } from '@/api/recruitment'
import type { TransferApi } from '@/api/transfers'
import type { TwoSystemsApi } from '@/api/twoSystems'
import type { UserApi } from '@/api/users'
import { ethnicityKey } from '@/members/ethnicities'
import { formatDate, formatDateTime } from '@/format/date'
import { useAppStore } from '@/stores/app'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

const ORG_TYPE_TAG: Record<OrgApi.Type, TagType> = {
  local_committee: 'danger',
  committee: 'warning',
  working_committee: 'success',
  general_branch: 'primary',
  branch: 'info',
}

const MEMBER_STATUS_TAG: Record<MemberApi.Status, TagType> = {
  active: 'success',
  mobile: 'warning',
  lost_contact: 'danger',
  aged_out: 'info',
  withdrawn: 'info',
  removed: 'danger',
  expelled: 'danger',
  deceased: 'info',
  transferred_out: 'primary',
}

const RECRUITMENT_STAGE_TAG: Record<RecruitmentApi.Stage, TagType> = {
  applied: 'info',
  activist: 'primary',
  candidate: 'warning',
  branch_approved: 'warning',
  approved: 'success',
  admitted: 'success',
  rejected: 'danger',
  withdrawn: 'info',
}

const GRADE_TAG: Record<TwoSystemsApi.Grade, TagType> = {
  excellent: 'success',
  qualified: 'primary',
  basically_qualified: 'warning',
  unqualified: 'danger',
}

const EVALUATION_STATUS_TAG: Record<TwoSystemsApi.EvaluationStatus, TagType> = {
  open: 'primary',
  submitted: 'warning',
  approved: 'success',
}

const REGISTRATION_STATE_TAG: Record<TwoSystemsApi.RegistrationState, TagType> = {
  registered: 'success',
  eligible: 'primary',
  not_evaluated: 'warning',
  unqualified: 'danger',
}

const PARTY_STAGE_TAG: Record<TwoSystemsApi.PartyStage, TagType> = {
  nominated: 'info',
  recommended: 'warning',
  reviewed: 'success',
  declined: 'danger',
}

const TRANSFER_STATE_TAG: Record<TransferApi.State, TagType> = {
  pending_out: 'warning',
  pending_in: 'primary',
  completed: 'success',
  rejected: 'danger',
  returned: 'danger',
  cancelled: 'info',
  expired: 'info',
}

export function useLabels() {
  const { t, te } = useI18n()
  const app = useAppStore()

  // A value the server added after this build falls back to the raw word, not a blank.
  const label = (group: string, value: string | null | undefined): string => {
    if (value === null || value === undefined || value === '') return ''
    const key = `enum.${group}.${value}`
    return te(key) ? t(key) : value
  }

  return {
    orgType: (v: OrgApi.Type | null | undefined) => label('orgType', v),
    orgTypeShort: (v: OrgApi.Type | null | undefined) => label('orgTypeShort', v),
    orgTypeTag: (v: OrgApi.Type): TagType => ORG_TYPE_TAG[v] ?? 'info',
    sector: (v: OrgApi.Sector | null | undefined) => label('sector', v),
    schoolStage: (v: OrgApi.SchoolStage | null | undefined) => label('schoolStage', v),
    orgStatus: (v: OrgApi.Status | null | undefined) => label('orgStatus', v),
    orgPurpose: (v: OrgApi.Purpose | string | null | undefined) => label('orgPurpose', v),
    role: (v: AuthApi.Role | string) => label('role', v),
    accountStatus: (v: UserApi.Status | null | undefined) => label('accountStatus', v),
    auditAction: (v: string) => label('auditAction', v),
    gender: (v: MemberApi.Gender | null | undefined) => label('gender', v),
    education: (v: MemberApi.Education | string | null | undefined) => label('education', v),
    occupation: (v: MemberApi.Occupation | string | null | undefined) => label('occupation', v),
    memberStatus: (v: MemberApi.Status | string | null | undefined) => label('memberStatus', v),
    memberStatusTag: (v: MemberApi.Status): TagType => MEMBER_STATUS_TAG[v] ?? 'info',
    ageBand: (v: MemberApi.AgeBand | null | undefined) => label('ageBand', v),
    historyKind: (v: string | null | undefined) => label('historyKind', v),
    cadrePost: (v: CadreApi.Post | null | undefined) => label('cadrePost', v),
    recruitmentStage: (v: RecruitmentApi.Stage | string | null | undefined) => label('recruitmentStage', v),
    recruitmentStageTag: (v: RecruitmentApi.Stage | string): TagType =>
      RECRUITMENT_STAGE_TAG[v as RecruitmentApi.Stage] ?? 'info',
    timelineKind: (v: string | null | undefined) => label('timelineKind', v),
    grade: (v: TwoSystemsApi.Grade | string | null | undefined) => label('grade', v),
    gradeTag: (v: TwoSystemsApi.Grade | string): TagType => GRADE_TAG[v as TwoSystemsApi.Grade] ?? 'info',
    evaluationStatus: (v: TwoSystemsApi.EvaluationStatus | string | null | undefined) => label('evaluationStatus', v),
    evaluationStatusTag: (v: TwoSystemsApi.EvaluationStatus | string): TagType =>
      EVALUATION_STATUS_TAG[v as TwoSystemsApi.EvaluationStatus] ?? 'info',
    registrationState: (v: TwoSystemsApi.RegistrationState | string | null | undefined) => label('registrationState', v),
    registrationStateTag: (v: TwoSystemsApi.RegistrationState | string): TagType =>
      REGISTRATION_STATE_TAG[v as TwoSystemsApi.RegistrationState] ?? 'info',
    partyStage: (v: TwoSystemsApi.PartyStage | string | null | undefined) => label('partyStage', v),
    partyStageTag: (v: TwoSystemsApi.PartyStage | string): TagType =>
      PARTY_STAGE_TAG[v as TwoSystemsApi.PartyStage] ?? 'info',
    transferState: (v: TransferApi.State | string | null | undefined) => label('transferState', v),
    transferStateTag: (v: TransferApi.State | string): TagType =>
      TRANSFER_STATE_TAG[v as TransferApi.State] ?? 'info',
    transferReason: (v: TransferApi.Reason | string | null | undefined) => label('transferReason', v),
    // A step of a transfer's trail (start, approve_out, ..., expire).
    transferAction: (v: TransferApi.TrailAction | string | null | undefined) => label('transferAction', v),
    transferSide: (v: TransferApi.Side | string | null | undefined) => label('transferSide', v),
    duesCategory: (v: DuesApi.Category | string | null | undefined) => label('duesCategory', v),
    paymentMethod: (v: DuesApi.Method | string | null | undefined) => label('paymentMethod', v),
    paymentKind: (v: DuesApi.PaymentKind | string | null | undefined) => label('paymentKind', v),
    // The rules a decision used: "规则 2025 年第 2 版", version 0 the national defaults; '' for none.
    ruleVersion: (year: number | null | undefined, version: number | null | undefined): string => {
      if (year === null || year === undefined || version === null || version === undefined) return ''
      return version === 0
        ? t('recruitment.timeline.ruleDefaults', { year })
        : t('recruitment.timeline.rule', { year, version })
    },
    // The API's Chinese name ("蒙古族") as a label in the current language.
    ethnicity: (v: string | null | undefined) => {
      if (!v) return ''
      const key = ethnicityKey(v)
      return key ? label('ethnicity', key) : v
    },
    dateTime: (v: string | null | undefined) => formatDateTime(v, app.locale),
    date: (v: string | null | undefined) => formatDate(v, app.locale),
  }
}
