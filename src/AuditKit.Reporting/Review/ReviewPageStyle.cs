namespace AuditKit.Reporting.Review;

/// <summary>
/// The labelling page's CSS. One column with the label bar pinned to the bottom of the window; from 1,000 px the
/// codebook is a side panel, below that a full-window sheet. System fonts first, then Noto for Chinese and
/// Devanagari so a bare Linux machine with the Noto packages still renders every answer.
/// </summary>
internal static class ReviewPageStyle
{
    public const string Text = """
:root{--accent:#1f5fbf;--line:#d0d4da;--muted:#50555c;--done:#1d7a3a;--partly:#a15c00}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;background:#f6f7f9;color:#15171a;line-height:1.5;font-size:16px;
 font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK SC","Noto Sans CJK TC","Noto Sans CJK JP","Noto Sans Devanagari","Noto Sans Arabic",sans-serif}
h1{font-size:1rem;margin:0;font-weight:600}
h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:1rem 0 .3rem}
button{font:inherit;font-size:.92rem;min-height:2.4rem;padding:.3rem .7rem;border:1px solid #8a9099;border-radius:6px;background:#fff;color:#15171a;cursor:pointer}
button:hover{border-color:var(--accent)}
button:focus-visible,summary:focus-visible,input:focus-visible{outline:3px solid #f0b400;outline-offset:1px}
button:disabled{opacity:.45;cursor:default}
button[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff;font-weight:600}
button.primary{background:#15171a;color:#fff;border-color:#15171a}
button.primary.unsaved{background:#a15c00;border-color:#a15c00}
kbd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.78em;border:1px solid #9aa0a8;border-bottom-width:2px;border-radius:4px;padding:0 .3em;margin-right:.3em;background:#f3f4f6;color:#15171a}
button[aria-pressed=true] kbd{background:#fff}
.bar{position:sticky;top:0;z-index:3;background:#fff;border-bottom:1px solid var(--line);padding:.45rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem}
.bar .progress{flex:1 1 14rem;min-width:12rem}
.bar .progress p{margin:0;font-size:.9rem}
#partly,#unsaved{color:var(--partly);margin-left:.5rem;font-size:.82rem}
.meter{height:6px;background:#e3e6ea;border-radius:3px;margin-top:.2rem;overflow:hidden}
#meter-fill{height:100%;width:0;background:var(--done)}
.bar nav,.bar .actions{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem}
#position{font-variant-numeric:tabular-nums;font-size:.9rem;min-width:8.5rem;text-align:center}
.notice{margin:0;padding:.5rem 1rem;background:#fff3cd;border-bottom:1px solid #e0c36a}
#status:empty{display:none}
#status{margin:0;padding:.4rem 1rem;background:#e8f1fb;border-bottom:1px solid #b9d1ee}
.layout{flex:1 0 auto;width:100%;display:grid;grid-template-columns:minmax(0,1fr);gap:1.5rem;max-width:1400px;margin:0 auto;padding:.5rem 1rem 1rem}
main{min-width:0;max-width:56rem}
.meta{margin:.6rem 0 0;color:var(--muted);font-size:.88rem;overflow-wrap:anywhere}
.state{display:inline-block;margin-left:.4rem;padding:0 .45rem;border-radius:999px;font-size:.8rem;border:1px solid currentColor}
.state.done{color:var(--done)}.state.partly{color:var(--partly)}.state.open{color:var(--muted)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;word-break:normal;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.7rem .9rem;margin:0}
.text.empty::before{content:"(empty)";color:var(--muted);font-style:italic}
.prompt{background:#f0f2f5}
.answer{border-left:4px solid var(--accent);font-size:1.05rem;line-height:1.65}
details{margin-top:.8rem}
summary{cursor:pointer;color:var(--muted);font-size:.9rem;padding:.2rem 0}
details .text{margin-top:.3rem;color:#3a3f45;font-size:.92rem;max-height:60vh;overflow:auto}
.labels{position:sticky;bottom:0;z-index:2;background:#fff;border-top:1px solid var(--line);box-shadow:0 -2px 6px rgba(0,0,0,.06);padding:.5rem 1rem .6rem;display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;align-items:flex-end}
.group{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;margin:0;padding:0;border:0;min-width:0}
.group legend,.note span{display:block;width:100%;font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);padding:0;margin-bottom:.15rem}
.note{flex:1 1 14rem;min-width:0}
.note input{width:100%;font:inherit;font-size:.95rem;min-height:2.4rem;padding:.3rem .5rem;border:1px solid #8a9099;border-radius:6px}
#codebook{display:none;background:#fff;border:1px solid var(--line);border-radius:6px;padding:0 1rem 1rem;font-size:.88rem;line-height:1.45}
body.codebook-open #codebook{display:block}
.codebook-head{display:flex;align-items:center;justify-content:space-between;position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid var(--line)}
.codebook-head h2{margin:0}
#codebook h3{font-size:1rem;margin:1rem 0 .3rem}#codebook h4{font-size:.92rem;margin:.9rem 0 .3rem}
#codebook p{margin:.4rem 0}
#codebook .item{padding-left:1.2rem;text-indent:-1.2rem}
#codebook .item.nested{margin-left:1.2rem}
#codebook .marker{display:inline-block;min-width:1.2rem;text-indent:0}
#codebook code{font-size:.9em;background:#f0f2f5;padding:0 .2em;border-radius:3px}
#codebook .table{overflow-x:auto}
#codebook table{border-collapse:collapse;margin:.5rem 0}
#codebook th,#codebook td{border:1px solid var(--line);padding:.2rem .4rem;vertical-align:top;text-align:left}
#codebook th{background:#f0f2f5}
@media (min-width:1000px){
 body.codebook-open .layout{grid-template-columns:minmax(0,1fr) minmax(20rem,28rem)}
 #codebook{position:sticky;top:4.5rem;max-height:calc(100vh - 12rem);overflow:auto;align-self:start}
}
@media (max-width:999px){
 body.codebook-open{overflow:hidden}
 #codebook{position:fixed;inset:0;z-index:5;border:0;border-radius:0;overflow:auto}
}
body:not(.codebook-open) main{margin:0 auto;width:100%}
@media (max-width:600px){
 .bar{position:static;padding:.4rem .6rem;gap:.35rem .5rem}
 .bar .progress{min-width:0;flex-basis:10rem}
 .bar .actions{order:2}
 .bar nav{order:3;flex-basis:100%}
 .bar kbd,.labels button kbd{display:none}
 .layout{padding:.3rem .6rem 1rem}
 .labels{padding:.35rem .6rem .5rem;gap:.25rem 1rem}
 button{padding:.2rem .55rem;font-size:.88rem;min-height:2.3rem}
 #position{min-width:0;flex:1}
}
""";
}
