import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it('should keep a path inside the shop with its query', () => {
    expect(safeRedirect('/me/addresses?from=cart')).toBe('/me/addresses?from=cart');
    expect(safeRedirect(['/console/teams/3'])).toBe('/console/teams/3');
  });

  it('should refuse other sites and odd values', () => {
    expect(safeRedirect('https://evil.example/')).toBe('/me');
    expect(safeRedirect('//evil.example/')).toBe('/me');
    expect(safeRedirect('/\\evil.example')).toBe('/me');
    expect(safeRedirect(undefined, '/')).toBe('/');
    expect(safeRedirect(42)).toBe('/me');
  });

  it('should not send the visitor back to the login page', () => {
    expect(safeRedirect('/login?redirect=%2Fme')).toBe('/me');
    expect(safeRedirect('/login')).toBe('/me');
    expect(safeRedirect('/loginhelp')).toBe('/loginhelp');
  });
});
