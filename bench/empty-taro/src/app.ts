import type { PropsWithChildren } from 'react';

/** An app that does nothing but host its page. */
export default function App({ children }: PropsWithChildren) {
  return children;
}
