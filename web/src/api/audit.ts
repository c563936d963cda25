// The audit log (docs/api.md, Audit log).
import { http, type Page } from './request'

export namespace AuditApi {
  export type Action =
    | 'auth.login'
    | 'auth.login_failed'
    | 'auth.lockout'
    | 'auth.logout'
    | 'auth.password_change'
    | 'auth.session_revoke'
    | 'org.create'
    | 'org.update'
    | 'org.move'
    | 'org.close'
    | 'user.create'
    | 'user.update'
    | 'user.reset_password'
    | 'user.unlock'
    | 'member.create'
    | 'member.update'
    | 'member.status'
    | 'member.reveal'
    | 'member.age_out'
    | 'member.import'
    | 'cadre.create'
    | 'cadre.update'
    | 'rules.update'
    | 'applicant.create'
    | 'applicant.talk'
    | 'applicant.class_hours'
    | 'applicant.advance'
    | 'applicant.reveal'
    | 'quota.put'
    | 'number_range.create'
    | 'evaluation.open'
    | 'evaluation.entries'
    | 'evaluation.submit'
    | 'evaluation.approve'
    | 'evaluation.return'
    | 'registration.open'
    | 'registration.register'
    | 'party.nominate'
    | 'party.vote'
    | 'party.review'
    | 'transfer.start'
    | 'transfer.approve_out'
    | 'transfer.reject'
    | 'transfer.accept'
    | 'transfer.return'
    | 'transfer.cancel'
    | 'transfer.expire'
    | 'member.transfer'
    | 'activity.create'
    | 'activity.update'
    | 'activity.delete'
    | 'activity.topic'
    | 'activity.topic_delete'
    | 'activity.report_submit'
    | 'activity.report_accept'
    | 'activity.report_return'
    | 'activity.file_add'
    | 'activity.file_delete'
    | 'study.season'
    | 'study.episode_create'
    | 'study.episode_update'
    | 'study.import'

  export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

  export interface Entry {
    id: number
    at: string
    actor_id: number | null
    actor_username: string | null
    action: Action | string
    object_type: string | null
    object_id: number | null
    org_id: number | null
    org_name: string | null
    summary: { before?: Record<string, Json>; after?: Record<string, Json>; [key: string]: Json | undefined }
    client_address: string | null
  }

  export interface ListQuery {
    org_id?: number
    subtree?: boolean
    action?: string
    actor?: string
    from?: string
    to?: string
    page?: number
    size?: number
  }

  export interface Verification {
    ok: boolean
    checked: number
    first_bad_id?: number
  }
}

export const AUDIT_ACTIONS: readonly AuditApi.Action[] = [
  'auth.login',
  'auth.login_failed',
  'auth.lockout',
  'auth.logout',
  'auth.password_change',
  'auth.session_revoke',
  'org.create',
  'org.update',
  'org.move',
  'org.close',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.unlock',
  'member.create',
  'member.update',
  'member.status',
  'member.reveal',
  'member.age_out',
  'member.import',
  'cadre.create',
  'cadre.update',
  'rules.update',
  'applicant.create',
  'applicant.talk',
  'applicant.class_hours',
  'applicant.advance',
  'applicant.reveal',
  'quota.put',
  'number_range.create',
  'evaluation.open',
  'evaluation.entries',
  'evaluation.submit',
  'evaluation.approve',
  'evaluation.return',
  'registration.open',
  'registration.register',
  'party.nominate',
  'party.vote',
  'party.review',
  'transfer.start',
  'transfer.approve_out',
  'transfer.reject',
  'transfer.accept',
  'transfer.return',
  'transfer.cancel',
  'transfer.expire',
  'member.transfer',
  'activity.create',
  'activity.update',
  'activity.delete',
  'activity.topic',
  'activity.topic_delete',
  'activity.report_submit',
  'activity.report_accept',
  'activity.report_return',
  'activity.file_add',
  'activity.file_delete',
  'study.season',
  'study.episode_create',
  'study.episode_update',
  'study.import',
]

export function listAudit(query: AuditApi.ListQuery = {}): Promise<Page<AuditApi.Entry>> {
  return http.get<Page<AuditApi.Entry>>('/audit', { query: { ...query } })
}

export function verifyAudit(): Promise<AuditApi.Verification> {
  return http.get<AuditApi.Verification>('/audit/verify')
}
