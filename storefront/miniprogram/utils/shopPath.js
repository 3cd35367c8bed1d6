const { H5_BASE } = require('../config');

/**
 * Only shop paths are accepted ("/products/12?from=share"): a path from a share card or a QR code
 * must not be able to point the web-view at another site.
 */
function safePath(raw) {
  if (!raw) return '/';
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch (error) {
    return '/';
  }
  if (path.charAt(0) !== '/' || path.charAt(1) === '/' || path.indexOf('\\') !== -1) return '/';
  return path;
}

/** Removes `ticket` pairs from a path's query, keeping everything else as written. */
function withoutTicket(path) {
  const hashAt = path.indexOf('#');
  const hash = hashAt === -1 ? '' : path.slice(hashAt);
  const beforeHash = hashAt === -1 ? path : path.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt === -1) return path;
  const kept = beforeHash
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => pair && pair.split('=')[0] !== 'ticket');
  return beforeHash.slice(0, queryAt) + (kept.length ? '?' + kept.join('&') : '') + hash;
}

/** The path with `ticket=` added to its query (before any #hash), replacing a stale one. */
function withTicket(path, ticket) {
  const clean = withoutTicket(path);
  const hashAt = clean.indexOf('#');
  const hash = hashAt === -1 ? '' : clean.slice(hashAt);
  const beforeHash = hashAt === -1 ? clean : clean.slice(0, hashAt);
  const separator = beforeHash.indexOf('?') === -1 ? '?' : '&';
  return beforeHash + separator + 'ticket=' + encodeURIComponent(ticket) + hash;
}

/** The shop path of a URL the web-view is showing, for sharing it; never with a ticket. */
function pathOf(url) {
  if (url && url.indexOf(H5_BASE + '/') === 0) return withoutTicket(url.slice(H5_BASE.length));
  return '/';
}

module.exports = { safePath, withTicket, withoutTicket, pathOf };
