// An ECharts instance on a component's element: made when the component mounts, with the option
// `option()` builds, built again (not merged) when `sources` change, resized with its element and
// disposed when the component goes. The component registers the ECharts parts it uses.
import { onBeforeUnmount, onMounted, watch, type Ref, type WatchSource } from 'vue'
import { init, type ECharts, type EChartsCoreOption } from 'echarts/core'

export function useEChart(el: Ref<HTMLElement | undefined>, option: () => EChartsCoreOption, sources: WatchSource) {
  let chart: ECharts | null = null
  let observer: ResizeObserver | null = null

  onMounted(() => {
    if (!el.value) return
    chart = init(el.value)
    chart.setOption(option())
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => chart?.resize())
      observer.observe(el.value)
    }
  })

  watch(sources, () => chart?.setOption(option(), { notMerge: true }), { deep: true })

  onBeforeUnmount(() => {
    observer?.disconnect()
    chart?.dispose()
    chart = null
  })

  function resize(): void {
    chart?.resize()
  }

  return { resize }
}
