/**
 * A toast for code that runs before any page (session boot): Vant's toast is loaded only when
 * one is actually shown, so it stays out of the first screen.
 */
export async function showLazyToast(message: string): Promise<void> {
  const { showToast } = await import('./vantToast');
  showToast({ message, position: 'middle' });
}
