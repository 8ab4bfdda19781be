// The report's stylesheet: system fonts, cards for the headline numbers, quiet tables. Inline, so
// the page opens offline.

export const reportStyle = `
:root { color-scheme: light; --ink: #1d1d27; --muted: #60607a; --line: #e4e4ec; --pass: #1a7f37; --pass-bg: #e6f4ea; --fail: #c62828; --fail-bg: #fdecea; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f6f9; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 20px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 36px 0 8px; }
.meta { color: var(--muted); margin: 0 0 20px; font-size: 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card.pass { background: var(--pass-bg); border-color: #b7dfc2; color: var(--pass); }
.card.fail { background: var(--fail-bg); border-color: #f3b9b3; color: var(--fail); }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px; overflow-x: auto; }
.chart svg { display: block; max-width: 100%; height: auto; }
.caption { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
.verdict { font-size: 17px; margin: 0 0 12px; }
.files { font-size: 12px; color: var(--muted); margin: 6px 0 0; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow: hidden; font-size: 14px; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: right; font-variant-numeric: tabular-nums; }
th:first-child, td:first-child { text-align: left; }
th { background: #fafafc; font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.text { text-align: left; }
.pass { color: var(--pass); } .fail { color: var(--fail); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.badge.pass { background: var(--pass-bg); } .badge.fail { background: var(--fail-bg); }
.warn { background: #fff8e1; border: 1px solid #f3d98b; border-radius: 10px; padding: 10px 14px; }
pre { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px; overflow-x: auto; font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
a { color: #2f5fb3; }
`;
