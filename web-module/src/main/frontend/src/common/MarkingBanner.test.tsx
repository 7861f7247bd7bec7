// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from '../testing/render';
import { formatMarking, MarkingBanner } from './MarkingBanner';

describe('MarkingBanner', () => {
  it('renders the marking as a note in the colour of its classification', async () => {
    const { byTestId, unmount } = await render(
      <MarkingBanner label={{ classification: 'CONFIDENTIAL', releasableTo: ['KEN', 'GBR'] }} />,
    );
    const banner = byTestId('marking-banner');
    expect(banner.getAttribute('role')).toBe('note');
    expect(banner.textContent).toBe('CONFIDENTIAL//REL TO GBR, KEN');
    expect(banner.classList.contains('marking--confidential')).toBe(true);
    expect(banner.classList.contains('marking-banner--top')).toBe(true);
    expect(banner.hasAttribute('style')).toBe(false);
    await unmount();
  });

  it('can sit at the bottom of a view', async () => {
    const { byTestId, unmount } = await render(
      <MarkingBanner label={{ classification: 'TOP_SECRET', releasableTo: ['ALL'] }} position="bottom" />,
    );
    const banner = byTestId('marking-banner');
    expect(banner.textContent).toBe('TOP_SECRET');
    expect(banner.className).toContain('marking--top-secret');
    expect(banner.className).toContain('marking-banner--bottom');
    await unmount();
  });

  it('re-exports formatMarking', () => {
    expect(formatMarking({ classification: 'SECRET', releasableTo: ['GBR'] })).toBe('SECRET//REL TO GBR');
  });
});
