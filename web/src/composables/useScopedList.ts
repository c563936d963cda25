// The state of a list page scoped to an org of the tree (RuoYi style): the chosen org, the
// subtree switch, the page and its size, the rows and their total, and the reload that keeps
// only the newest answer. The page supplies `fetch`, which turns the scope into its API query.
// usePagedList is the paging part alone, for a list scoped otherwise (or not at all).
import { ref, type Ref } from 'vue'
import type { OrgApi } from '@/api/orgs'

export interface ListScope {
  org: OrgApi.Org
  subtree: boolean
  page: number
  size: number
}

export interface ListResult<Row> {
  items: Row[]
  total: number
}

export interface Paging {
  page: number
  size: number
}

export interface PagedListOptions {
  // Whether the list can load yet (say, once the tree has chosen an org); always, when absent.
  ready?: () => boolean
  // A failed load empties the total as well as the rows.
  clearTotalOnError?: boolean
}

export function usePagedList<Row>(fetch: (paging: Paging) => Promise<ListResult<Row>>, options: PagedListOptions = {}) {
  const page = ref(1)
  const size = ref(20)
  const total = ref(0)
  const rows = ref([]) as Ref<Row[]>
  const loading = ref(false)
  let loadSeq = 0

  // Nothing until the list is ready; an answer overtaken by a newer load is dropped.
  async function load(): Promise<void> {
    if (options.ready && !options.ready()) return
    const seq = ++loadSeq
    loading.value = true
    try {
      const result = await fetch({ page: page.value, size: size.value })
      if (seq !== loadSeq) return
      rows.value = result.items
      total.value = result.total
    } catch {
      if (seq === loadSeq) {
        rows.value = []
        if (options.clearTotalOnError) total.value = 0
      }
    } finally {
      if (seq === loadSeq) loading.value = false
    }
  }

  // A new query starts at the first page.
  function search(): void {
    page.value = 1
    void load()
  }

  function onSize(next: number): void {
    size.value = next
    search()
  }

  function onPage(next: number): void {
    page.value = next
    void load()
  }

  return { page, size, total, rows, loading, load, search, onSize, onPage }
}

export function useScopedList<Row>(fetch: (scope: ListScope) => Promise<ListResult<Row>>) {
  const org = ref<OrgApi.Org | null>(null)
  const subtree = ref(true)
  // Nothing until the tree has chosen an org.
  const { page, size, total, rows, loading, load, search, onSize, onPage } = usePagedList<Row>(
    (paging) => fetch({ org: org.value as OrgApi.Org, subtree: subtree.value, ...paging }),
    { ready: () => org.value !== null },
  )

  // The search form's reset: the page clears its own filters, the subtree switch goes back on.
  function resetSearch(clearFilters: () => void): void {
    clearFilters()
    subtree.value = true
    search()
  }

  function onOrg(chosen: OrgApi.Org): void {
    org.value = chosen
    search()
  }

  function onSubtree(value: string | number | boolean): void {
    subtree.value = value === true
    search()
  }

  return { org, subtree, page, size, total, rows, loading, load, search, resetSearch, onOrg, onSubtree, onSize, onPage }
}
