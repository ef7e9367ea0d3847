import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ElementAction, Persona, Snapshot, StateValues } from './api.js';

/** Where an element sits: a message (channel + ts) or a view (modal / Home). */
export type Source = { channel: string; ts: string } | { viewId: string };

export interface PageContext {
  snap: Snapshot;
  t: (key: string, params?: Record<string, string | number>) => string;
  /** A person's display name in the page's language. */
  nameOf: (userId: string) => string;
  personaOf: (userId: string) => Persona | undefined;
  act: (source: Source, action: ElementAction, values?: StateValues) => void;
}

export const Page = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const ctx = useContext(Page);
  if (!ctx) throw new Error('usePage outside <Page.Provider>');
  return ctx;
}
