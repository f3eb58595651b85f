import { Button } from "./button";

interface PaginationProps {
  /** 1-based number of the page shown. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** True while the next or previous page loads. */
  busy?: boolean;
  label?: string;
}

export function Pagination({
  page,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  busy = false,
  label = "Pagination",
}: PaginationProps) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3">
      <Button variant="secondary" size="sm" onClick={onPrevious} disabled={!hasPrevious || busy}>
        Previous page
      </Button>
      <span className="text-sm text-slate-600">Page {page}</span>
      <Button variant="secondary" size="sm" onClick={onNext} disabled={!hasNext || busy}>
        Next page
      </Button>
    </nav>
  );
}
