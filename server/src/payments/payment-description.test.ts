import { describe, expect, it } from 'vitest';
import { paymentDescription } from './payment-description';

describe('paymentDescription', () => {
  it('should name the first item and count every unit', () => {
    expect(paymentDescription([{ title: '新会陈皮礼盒', quantity: 1 }])).toBe('侨都职教商城-新会陈皮礼盒');
    expect(paymentDescription([{ title: '新会陈皮礼盒', quantity: 2 }])).toBe('侨都职教商城-新会陈皮礼盒等2件');
    expect(
      paymentDescription([
        { title: '新会陈皮礼盒', quantity: 1 },
        { title: '台山黄鳝饭调料', quantity: 3 },
      ]),
    ).toBe('侨都职教商城-新会陈皮礼盒等4件');
  });

  it('should stay within WeChat’s 127 characters without splitting a character', () => {
    const description = paymentDescription([{ title: '陈'.repeat(200) + '😀', quantity: 12 }]);
    expect([...description]).toHaveLength(127);
    expect(description.startsWith('侨都职教商城-陈')).toBe(true);
    expect(description.endsWith('陈等12件')).toBe(true);
    const emoji = paymentDescription([{ title: '😀'.repeat(200), quantity: 1 }]);
    expect([...emoji]).toHaveLength(127);
    expect(emoji).not.toContain('\uFFFD');
    expect(emoji.endsWith('😀')).toBe(true);
  });
});
