// League cadres and their terms (docs/api.md, Cadres).
import { http, type Page } from './request'

export namespace CadreApi {
  export type Post =
    | 'secretary'
    | 'deputy_secretary'
    | 'organization'
    | 'publicity'
    | 'committee_member'
    | 'other'

  export interface Cadre {
    id: number
    member_id: number | null
    name: string
    org_id: number
    org_name: string
    post: Post
    post_title: string | null
    term_start: string
    term_end: string | null
    in_office: boolean
  }

  export interface ListQuery {
    org_id?: number
    subtree?: boolean
    in_office?: boolean
    q?: string
    page?: number
    size?: number
  }

  // A cadre who is not a member gives `name` instead of `member_id`.
  export interface CreateBody {
    member_id?: number
    name?: string
    org_id: number
    post: Post
    post_title?: string
    term_start: string
    term_end?: string
  }

  // term_end: an empty string clears it.
  export interface PatchBody {
    post?: Post
    post_title?: string
    term_start?: string
    term_end?: string
  }
}

export const CADRE_POSTS: readonly CadreApi.Post[] = [
  'secretary',
  'deputy_secretary',
  'organization',
  'publicity',
  'committee_member',
  'other',
]

export function listCadres(query: CadreApi.ListQuery = {}): Promise<Page<CadreApi.Cadre>> {
  return http.get<Page<CadreApi.Cadre>>('/cadres', { query: { ...query } })
}

export function createCadre(body: CadreApi.CreateBody): Promise<CadreApi.Cadre> {
  return http.post<CadreApi.Cadre>('/cadres', body)
}

export function updateCadre(id: number, body: CadreApi.PatchBody): Promise<CadreApi.Cadre> {
  return http.patch<CadreApi.Cadre>(`/cadres/${id}`, body)
}
