// Display texts for the API's enumerations and instants, in the current language.
import { useI18n } from 'vue-i18n'
import type { AuthApi } from '@/api/auth'
import type { CadreApi } from '@/api/cadres'
import type { MemberApi } from '@/api/members'
import type { OrgApi } from '@/api/orgs'
import type { RecruitmentApi } from '@/api/recruitment'
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
