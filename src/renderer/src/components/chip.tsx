import type { ReactNode } from 'react';

/** A toggle or removable filter chip. */
export function Chip({
  active,
  onClick,
  children,
  title,
  tone,
  testId,
}: {
  active?: boolean;
  onClick(): void;
  children: ReactNode;
  title?: string;
  tone?: string;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`chip${active ? ' active' : ''}${tone ? ` tone-${tone}` : ''}`}
      aria-pressed={active}
      onClick={onClick}
      title={title}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
