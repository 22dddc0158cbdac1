#!/usr/bin/env python3
"""Draws one trace of a syscall-lens file= output (OTLP JSON lines) as an SVG timeline, laid out
like Jaeger's trace view: one row per span, indented by depth, a bar where it ran.

    python3 docs/draw-trace.py SPANS.jsonl SPAN-NAME > docs/jaeger-view.svg

SPAN-NAME picks the first root span of that name (e.g. Files.readAllBytes)."""
import html
import json
import sys


def spans_of(path):
    out = []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            for rs in json.loads(line)["resourceSpans"]:
                service = next((a["value"]["stringValue"] for a in rs["resource"]["attributes"]
                                if a["key"] == "service.name"), "?")
                for ss in rs["scopeSpans"]:
                    for s in ss["spans"]:
                        s["service"] = service
                        s["attrs"] = {a["key"]: list(a["value"].values())[0] for a in s.get("attributes", [])}
                        out.append(s)
    return out


def main():
    spans = spans_of(sys.argv[1])
    root = next(s for s in spans if not s.get("parentSpanId") and s["name"] == sys.argv[2])
    children = {}
    for s in spans:
        if s["traceId"] == root["traceId"]:
            children.setdefault(s.get("parentSpanId", ""), []).append(s)
    rows = []

    def walk(s, depth):
        rows.append((s, depth))
        for c in sorted(children.get(s["spanId"], []), key=lambda x: int(x["startTimeUnixNano"])):
            walk(c, depth + 1)

    walk(root, 0)
    t0 = int(root["startTimeUnixNano"])
    total = max(1, int(root["endTimeUnixNano"]) - t0)
    name_w, bar_x, bar_w, row_h, top = 560, 580, 560, 22, 70
    height = top + row_h * len(rows) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{bar_x + bar_w + 20}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="100%" height="100%" fill="#fff"/>',
           f'<text x="10" y="22" font-size="16" font-weight="bold">{html.escape(root["service"])}: '
           f'{html.escape(root["name"])}  ({total / 1000:.0f} us, {len(rows)} spans)</text>',
           f'<text x="10" y="44" fill="#555">Drawn by docs/draw-trace.py from a real run, laid out as '
           f'Jaeger shows a trace: Java calls, and under each the syscalls it made.</text>',
           f'<line x1="{bar_x}" y1="{top - 8}" x2="{bar_x + bar_w}" y2="{top - 8}" stroke="#999"/>']
    for i, (s, depth) in enumerate(rows):
        y = top + i * row_h
        syscall = "syscall.name" in s["attrs"]
        label = s["name"]
        if syscall:
            label += "(" + s["attrs"].get("syscall.args", "") + ") = " + s["attrs"].get("syscall.return", "")
        if len(label) > 80 - depth * 2:
            label = label[:77 - depth * 2] + "..."
        if i % 2:
            out.append(f'<rect x="0" y="{y - 15}" width="100%" height="{row_h}" fill="#f5f5f5"/>')
        weight = "normal" if syscall else "bold"
        out.append(f'<text x="{10 + depth * 16}" y="{y}" font-weight="{weight}">{html.escape(label)}</text>')
        start = (int(s["startTimeUnixNano"]) - t0) / total
        width = max(0.002, (int(s["endTimeUnixNano"]) - int(s["startTimeUnixNano"])) / total)
        colour = "#e8a33d" if syscall else "#3d7fe8"
        out.append(f'<rect x="{bar_x + start * bar_w:.1f}" y="{y - 11}" width="{width * bar_w:.1f}" '
                   f'height="12" fill="{colour}"/>')
        dur = (int(s["endTimeUnixNano"]) - int(s["startTimeUnixNano"])) / 1000
        out.append(f'<text x="{min(bar_x + bar_w - 40, bar_x + (start + width) * bar_w + 4):.1f}" y="{y}" '
                   f'fill="#555" font-size="10">{dur:.0f} us</text>')
    out.append('</svg>')
    print("\n".join(out))


if __name__ == "__main__":
    main()
