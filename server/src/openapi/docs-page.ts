/**
 * A self-contained reader for /api/openapi.json: the shop may run offline, so no CDN-hosted
 * Swagger UI. It lists every operation with its parameters, responses and error codes.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>侨都职教商城 API 文档</title>
<style>
  body { font: 14px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header { background: #b8262c; color: #fff; padding: 16px 24px; }
  header h1 { margin: 0; font-size: 20px; }
  header p { margin: 4px 0 0; opacity: .9; }
  main { max-width: 960px; margin: 0 auto; padding: 16px; }
  details { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; margin: 10px 0; }
  summary { cursor: pointer; padding: 10px 14px; display: flex; gap: 10px; align-items: center; }
  .method { font-weight: 700; text-transform: uppercase; width: 56px; color: #0969da; }
  .path { font-family: ui-monospace, monospace; }
  .body { padding: 0 14px 14px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; border-bottom: 1px solid #eaeef2; padding: 4px 6px; vertical-align: top; }
  pre { background: #f6f8fa; padding: 8px; border-radius: 6px; overflow: auto; max-height: 320px; }
  code { font-family: ui-monospace, monospace; }
</style>
</head>
<body>
<header><h1>侨都职教商城 API</h1><p>机器可读版本：<a style="color:#fff" href="/api/openapi.json">/api/openapi.json</a>（OpenAPI 3.1）</p></header>
<main id="app">加载中…</main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
fetch('/api/openapi.json').then((r) => r.json()).then((doc) => {
  const parts = ['<p>' + esc(doc.info.description) + '</p>'];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters || []).map((p) =>
        '<tr><td><code>' + esc(p.name) + '</code></td><td>' + esc(p.in) + '</td><td>' + (p.required ? '必填' : '可选') +
        '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code></td></tr>').join('');
      const responses = Object.entries(op.responses).map(([status, r]) =>
        '<tr><td>' + esc(status) + '</td><td>' + esc(r.description) + '</td></tr>').join('');
      parts.push('<details><summary><span class="method">' + esc(method) + '</span><span class="path">' + esc(path) +
        '</span><span>' + esc(op.summary) + '</span></summary><div class="body">' +
        (params ? '<h4>参数</h4><table><tr><th>名称</th><th>位置</th><th></th><th>类型</th></tr>' + params + '</table>' : '') +
        '<h4>响应</h4><table>' + responses + '</table>' +
        '<h4>200 响应结构</h4><pre>' + esc(JSON.stringify(op.responses['200'].content['application/json'].schema, null, 2)) + '</pre>' +
        '</div></details>');
    }
  }
  document.getElementById('app').innerHTML = parts.join('');
}).catch(() => { document.getElementById('app').textContent = '文档加载失败，请刷新重试'; });
</script>
</body>
</html>
`;
