import { useCallback, useEffect, useRef, useState } from "react";

// A form draft kept in localStorage, so that a reload (or a closed tab) does not lose the
// maker's answers. The draft is the maker's own input, not server data: nothing here
// mirrors the query cache. Storage may be unavailable (private mode, quota): the form then
// works without it.

interface Stored<T> {
  v: 1;
  savedAt: string;
  value: T;
}

function read<T>(key: string, parse: (raw: unknown) => T | null): Stored<T> | null {
  try {
    const text = window.localStorage.getItem(key);
    if (!text) return null;
    const stored = JSON.parse(text) as Partial<Stored<unknown>>;
    if (stored?.v !== 1 || typeof stored.savedAt !== "string") return null;
    const value = parse(stored.value);
    return value === null ? null : { v: 1, savedAt: stored.savedAt, value };
  } catch {
    return null;
  }
}

function write<T>(key: string, value: T): string | null {
  const savedAt = new Date().toISOString();
  try {
    window.localStorage.setItem(key, JSON.stringify({ v: 1, savedAt, value } satisfies Stored<T>));
    return savedAt;
  } catch {
    return null;
  }
}

function remove(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to clean up when storage is unavailable.
  }
}

interface DraftState<T> {
  key: string;
  value: T;
  /** When the draft shown was restored from storage; null for a fresh one. */
  restoredAt: string | null;
  /** Changed by the maker since it was created or restored. */
  dirty: boolean;
}

export interface StoredDraft<T> {
  /** null until the storage key is known and the stored draft (if any) was read. */
  value: T | null;
  restoredAt: string | null;
  savedAt: string | null;
  update: (updater: (value: T) => T) => void;
  /** Forgets the stored draft and starts again from `initial`. */
  discard: () => void;
  /** Forgets the stored draft, e.g. after it was submitted. */
  clear: () => void;
}

export function useStoredDraft<T>(
  key: string | null,
  initial: () => T,
  parse: (raw: unknown) => T | null,
): StoredDraft<T> {
  const [state, setState] = useState<DraftState<T> | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // The latest factories, without making the restore effect depend on their identity.
  const factories = useRef({ initial, parse });
  factories.current = { initial, parse };

  useEffect(() => {
    if (!key) return;
    const stored = read(key, factories.current.parse);
    setState({
      key,
      value: stored?.value ?? factories.current.initial(),
      restoredAt: stored?.savedAt ?? null,
      dirty: false,
    });
    setSavedAt(stored?.savedAt ?? null);
  }, [key]);

  useEffect(() => {
    if (!state?.dirty) return;
    const at = write(state.key, state.value);
    if (at) setSavedAt(at);
  }, [state]);

  const update = useCallback((updater: (value: T) => T) => {
    setState((current) => (current ? { ...current, value: updater(current.value), dirty: true } : current));
  }, []);

  const discard = useCallback(() => {
    if (key) remove(key);
    setSavedAt(null);
    setState(key ? { key, value: factories.current.initial(), restoredAt: null, dirty: false } : null);
  }, [key]);

  const clear = useCallback(() => {
    if (key) remove(key);
    setSavedAt(null);
    setState((current) => (current ? { ...current, dirty: false } : current));
  }, [key]);

  const current = state && state.key === key ? state : null;
  return {
    value: current?.value ?? null,
    restoredAt: current?.restoredAt ?? null,
    savedAt,
    update,
    discard,
    clear,
  };
}
