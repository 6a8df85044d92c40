// One stylesheet for every overlay shadow root. Nothing here leaks into the host page and nothing of the
// host's CSS reaches in: `:host { all: initial }` resets inherited properties at the boundary.
export const OVERLAY_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.zx { font: 12px/1.4 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", system-ui, sans-serif; color: #1f2329; }
.zx-badge { display: inline-flex; align-items: center; gap: 4px; margin: 0 4px; padding: 0 6px; border-radius: 9px;
  font-size: 12px; line-height: 18px; white-space: nowrap; border: 1px solid transparent; cursor: default; vertical-align: middle; }
.zx-inline { white-space: nowrap; } /* badge and tags stay on one line in the host's cell */
.zx-level-ok { background: #e8f5e9; color: #1b5e20; border-color: #a5d6a7; }
.zx-level-notice { background: #e3f2fd; color: #0d47a1; border-color: #90caf9; }
.zx-level-warning { background: #fff8e1; color: #8a5300; border-color: #ffd54f; }
.zx-level-urgent { background: #ffe0b2; color: #a33b00; border-color: #ffb74d; font-weight: 600; }
.zx-level-overdue { background: #c62828; color: #fff; border-color: #b71c1c; font-weight: 600; }
.zx-level-closed-in-time { background: #f1f3f4; color: #3c4043; border-color: #dadce0; }
.zx-level-closed-late { background: #fce4ec; color: #880e4f; border-color: #f48fb1; }
.zx-level-none, .zx-level-unknown { background: #f5f5f5; color: #5f6368; border-color: #e0e0e0; }
.zx-level-error { background: #fff; color: #b3261e; border-color: #b3261e; border-style: dashed; }
.zx-tag { display: inline-block; margin-left: 4px; padding: 0 4px; border-radius: 3px; font-size: 11px; line-height: 16px;
  background: #ede7f6; color: #4527a0; }
.zx-tag-warn { background: #fff3e0; color: #a33b00; }
.zx-chip { position: fixed; right: 12px; bottom: 12px; z-index: 2147483646; max-width: 360px; padding: 6px 10px;
  border-radius: 8px; background: #263238; color: #eceff1; box-shadow: 0 2px 8px rgba(0,0,0,.25); cursor: pointer; }
.zx-chip.zx-chip-warn { background: #5d4037; }
.zx-chip.zx-chip-muted { background: #546e7a; }
.zx-chip ul { margin: 6px 0 0; padding-left: 16px; max-height: 200px; overflow: auto; }
.zx-chip li { margin: 2px 0; }
.zx-panel { margin: 12px 0; padding: 12px 14px; border: 1px solid #c5cae9; border-radius: 8px; background: #fafbff; }
.zx-panel h3 { margin: 0 0 8px; font-size: 14px; }
.zx-panel h4 { margin: 10px 0 4px; font-size: 13px; }
.zx-panel table { border-collapse: collapse; width: 100%; }
.zx-panel td, .zx-panel th { padding: 3px 6px; border-bottom: 1px solid #e8eaf6; text-align: left; font-size: 12px; vertical-align: top; }
.zx-warning { margin: 4px 0; padding: 4px 8px; border-left: 3px solid #ffb74d; background: #fff8e1; }
.zx-warning.zx-sev-urgent, .zx-warning.zx-sev-overdue { border-color: #c62828; background: #ffebee; }
.zx-warning .zx-basis { color: #5f6368; font-size: 11px; }
.zx-muted { color: #5f6368; }
.zx-error { color: #b3261e; }
.zx-row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 4px 0; }
.zx button { font: inherit; padding: 2px 10px; border-radius: 4px; border: 1px solid #9fa8da; background: #fff; cursor: pointer; }
.zx button.zx-primary { background: #3949ab; color: #fff; border-color: #3949ab; }
.zx input, .zx select, .zx textarea { font: inherit; padding: 2px 4px; border: 1px solid #c5cae9; border-radius: 4px; }
.zx textarea { width: 100%; min-height: 48px; }
.zx-similar label { display: block; margin: 4px 0; }
.zx-similar .zx-row label { display: inline-block; }
.zx-similar-hit { margin: 6px 0; padding: 6px 8px; border: 1px solid #e8eaf6; border-radius: 6px; background: #fff; }
.zx-similar-hit[data-zx-mark="参照"] { border-color: #3949ab; }
.zx-similar-hit[data-zx-mark="不相关"] { opacity: .65; }
.zx-similar-gist { margin: 4px 0; max-height: 6em; overflow: hidden; }
.zx-similar [data-zx="similar-results"] { max-height: 520px; overflow: auto; padding-right: 4px; }
.zx-archive tr[data-state="missing"] td:first-child { border-left: 3px solid #c62828; }
.zx-archive tr[data-state="not-applicable"] { color: #5f6368; }
.zx-archive [data-zx="flag-form"] { margin-top: 4px; padding: 4px; border: 1px dashed #c5cae9; border-radius: 4px; background: #fff; }
.zx-archive .zx-archive-refresh { margin-left: 8px; font-size: 11px; }
.zx-supervision .zx-prompt { margin: 6px 0; padding: 6px 8px; border-left: 4px solid #c62828; background: #fff5f5; }
.zx-supervision .zx-prompt-suggested { border-left-color: #f9a825; background: #fffbea; }
.zx-supervision label { display: block; margin: 4px 0; }
.zx-supervision .zx-row label { display: inline-block; margin-right: 10px; }
.zx-supervision textarea, .zx-supervision input[type=text], .zx-supervision input:not([type]) { width: 100%; }
.zx-supervision tr[data-sync="queued"] td:last-child, .zx-supervision tr[data-sync="failed"] td:last-child { color: #b3261e; font-weight: 600; }
.zx-signoff { margin-top: 8px; padding: 8px; border: 1px solid #3949ab; border-radius: 6px; background: #fff; }
.zx-archive .zx-basis { font-size: 11px; }
`;

let shared: CSSStyleSheet | null | undefined;

/** Adopt the shared stylesheet (one parse for all roots); fall back to a <style> element. */
export function applyOverlayStyles(root: ShadowRoot): void {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(OVERLAY_CSS);
    } catch {
      shared = null;
    }
  }
  if (shared && 'adoptedStyleSheets' in root) {
    try {
      root.adoptedStyleSheets = [shared];
      return;
    } catch {
      /* a sheet from another realm (e.g. a frame) cannot be adopted: fall through */
    }
  }
  const style = document.createElement('style');
  style.textContent = OVERLAY_CSS;
  root.appendChild(style);
}
