// The state of a list page scoped to an org of the tree (RuoYi style): the chosen org, the
// subtree switch, the page and its size, the rows and their total, and the reload that keeps
// only the newest answer. The page supplies `fetch`, which turns the scope into its API query.
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

export function useScopedList<Row>(fetch: (scope: ListScope) => Promise<ListResult<Row>>) {
  const org = ref<OrgApi.Org | null>(null)
  const subtree = ref(true)
  const page = ref(1)
  const size = ref(20)
  const total = ref(0)
  const rows = ref([]) as Ref<Row[]>
  const loading = ref(false)
  let loadSeq = 0

  // Nothing until the tree has chosen an org; an answer overtaken by a newer load is dropped.
  async function load(): Promise<void> {
    if (!org.value) return
    const seq = ++loadSeq
    loading.value = true
    try {
      const result = await fetch({ org: org.value, subtree: subtree.value, page: page.value, size: size.value })
      if (seq !== loadSeq) return
      rows.value = result.items
      total.value = result.total
    } catch {
      if (seq === loadSeq) rows.value = []
    } finally {
      if (seq === loadSeq) loading.value = false
    }
  }

  // A new query starts at the first page.
  function search(): void {
    page.value = 1
    void load()
  }

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

  function onSize(next: number): void {
    size.value = next
    search()
  }

  function onPage(next: number): void {
    page.value = next
    void load()
  }

  return { org, subtree, page, size, total, rows, loading, load, search, resetSearch, onOrg, onSubtree, onSize, onPage }
}
