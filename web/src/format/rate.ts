// Rates the server sends in per mille (rounded down by the server), for display: registration
// rates (团籍注册), dues paid rates (团费收缴统计).

// A rate in per mille as a percent with one decimal: 853 → '85.3'.
export function formatPermille(permille: number): string {
  if (!Number.isFinite(permille) || permille <= 0) return '0.0'
  const whole = Math.floor(permille)
  return `${Math.floor(whole / 10)}.${whole % 10}`
}

// The same rate as a number 0–100 for a progress bar.
export function permillePercent(permille: number): number {
  if (!Number.isFinite(permille) || permille <= 0) return 0
  return Math.min(100, Math.floor(permille) / 10)
}
