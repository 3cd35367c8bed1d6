const { H5_BASE } = require('../config');

/**
 * The shell's own session with the shop's API: `wx.login` gives a one-time code, the API turns
 * it into a session token kept in wx storage. The web-view never sees this token; it gets a
 * single-use ticket per opening instead (see pages/index).
 */
const STORAGE_KEY = 'qiaodu_session';
/** Renew a little before expiry rather than fail a ticket request on the edge. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

function request(method, path, data, token) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: H5_BASE + path,
      method,
      data,
      header: Object.assign({ 'content-type': 'application/json' }, token ? { authorization: 'Bearer ' + token } : {}),
      timeout: 15000,
      success: (res) => resolve(res),
      fail: (error) => reject(error),
    });
  });
}

function errorCode(res) {
  return res && res.data && res.data.error ? res.data.error.code : '';
}

function storedToken() {
  try {
    const session = wx.getStorageSync(STORAGE_KEY);
    if (session && session.token && Date.parse(session.expiresAt) - EXPIRY_MARGIN_MS > Date.now()) return session.token;
  } catch (error) {
    // unreadable storage: log in again
  }
  return null;
}

function wxLoginCode() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(new Error('wx.login 没有返回 code'))),
      fail: reject,
    });
  });
}

let pendingLogin = null;

/** Logs in with a fresh wx.login code; concurrent callers share one attempt. Resolves the token. */
function login() {
  if (pendingLogin) return pendingLogin;
  pendingLogin = wxLoginCode()
    .then((code) => request('POST', '/api/auth/wechat/miniprogram', { code }))
    .then((res) => {
      if (res.statusCode !== 200 || !res.data || !res.data.token) {
        throw new Error('登录失败：' + (errorCode(res) || res.statusCode));
      }
      wx.setStorageSync(STORAGE_KEY, { token: res.data.token, expiresAt: res.data.expiresAt });
      return res.data.token;
    })
    .finally(() => {
      pendingLogin = null;
    });
  return pendingLogin;
}

function ensureToken() {
  const token = storedToken();
  return token ? Promise.resolve(token) : login();
}

function forget() {
  try {
    wx.removeStorageSync(STORAGE_KEY);
  } catch (error) {
    // nothing stored
  }
}

/**
 * A request to the shop's API with the shell's session. A token the server no longer knows (401)
 * is replaced by a new login once. Rejects only when the network or wx.login fails.
 */
function authorizedRequest(method, path, data) {
  return ensureToken()
    .then((token) => request(method, path, data, token))
    .then((res) => {
      if (res.statusCode !== 401) return res;
      forget();
      return login().then((token) => request(method, path, data, token));
    });
}

/**
 * A fresh single-use ticket for one web-view opening, or null when logging in is impossible
 * right now (no network, WeChat busy): the shop then opens logged out rather than not at all.
 */
function freshTicket() {
  return authorizedRequest('POST', '/api/auth/tickets', {})
    .then((res) => (res.statusCode === 200 && res.data && res.data.ticket ? res.data.ticket : null))
    .catch(() => null);
}

module.exports = { login, ensureToken, authorizedRequest, freshTicket, forget };
