import { type Html, html, raw } from "./escapeHtml";

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2430;margin:0;background:#f6f7f9}
main{max-width:1120px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
a{color:#3b5bdb}.muted{color:#6b7280}.meta span{margin-right:16px}
section.goal{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:16px 18px;margin:16px 0}
table{border-collapse:collapse;width:100%;margin-top:10px}
th,td{text-align:right;padding:6px 8px;border-bottom:1px solid #eceef2;white-space:nowrap}
table{font-size:13px}th{white-space:normal;vertical-align:bottom}.scroll{overflow-x:auto}table.summary{width:auto;min-width:320px}
.verdict{margin:4px 0 8px;font-weight:500}
th:first-child,td:first-child{text-align:left}th{font-weight:600;color:#4b5563;font-size:12px}
.badge{display:inline-block;font-size:11px;padding:1px 6px;border-radius:9px;background:#e7ecff;color:#3b5bdb;margin-left:6px}
.win{color:#2b8a3e;font-weight:600}.lose{color:#c92a2a;font-weight:600}
.chart .label,.chart .value,.chart .tick{font-size:12px;fill:#374151}.chart .tick{fill:#6b7280;font-size:11px}
.chart .grid{stroke:#eceef2}.chart .ci{stroke:#111827;stroke-width:1.5;fill:none}
.chart .reference{stroke:#6b7280;stroke-dasharray:4 3}
footer{margin-top:28px;font-size:12px}
.notice{background:#fff8e6;border:1px solid #f0d58c;border-radius:8px;padding:8px 14px;margin:12px 0}.notice p,.notice ul{margin:4px 0}
`;

/** The page shell: title, inline stylesheet, no scripts. */
export function layout(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · PageSense local</title><style>${raw(STYLE)}</style></head>
<body><main>${body}</main></body></html>`.__html;
}
