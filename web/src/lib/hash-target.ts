import { useEffect, useState } from 'react';

/**
 * The id in the URL's fragment when it names one of a section's items (`#entry-12` → 12 for
 * `entry-`): links from Slack (a catch-up's lines) point at an entry or action of the doc, which
 * is only in the page once its list has loaded, so the section scrolls to it itself.
 */
export function useHashTarget(prefix: string): number | null {
  const read = () => {
    const m = new RegExp(`^#${prefix}(\\d+)$`).exec(window.location.hash);
    return m ? Number(m[1]) : null;
  };
  const [target, setTarget] = useState<number | null>(read);
  useEffect(() => {
    const onHash = () => setTarget(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [prefix]);
  return target;
}

/** Scrolls the element with this id into view once it exists, and marks it (`.targeted`) so the eye finds it. */
export function scrollToTarget(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  el.scrollIntoView({ block: 'center' });
  el.classList.add('targeted');
  return true;
}
