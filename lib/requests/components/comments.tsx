"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, TextArea } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { formatDateTime } from "@/lib/automations/labels";
import type { RequestComment } from "@/lib/requests/contract";
import { useAddComment } from "@/lib/requests/hooks";
import { REQUEST_LIMITS } from "@/lib/requests/schemas";

interface CommentsProps {
  requestId: string;
  comments: ReadonlyArray<RequestComment>;
  mayComment: boolean;
}

/** The conversation between IT and the maker about one request, oldest first. */
export function Comments({ requestId, comments, mayComment }: CommentsProps) {
  return (
    <div className="space-y-4">
      {comments.length === 0 ? (
        <EmptyState title="No comments yet">Ask the maker a question or note what IT is doing.</EmptyState>
      ) : (
        <ol className="space-y-3">
          {comments.map((comment) => (
            <li key={comment.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <p className="text-sm text-slate-600">
                <span className="font-medium text-slate-900">{comment.author?.name ?? "Someone"}</span>
                {" · "}
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
              </p>
              <p className="mt-1 whitespace-pre-line text-sm text-slate-900">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {mayComment ? <AddComment requestId={requestId} /> : null}
    </div>
  );
}

function AddComment({ requestId }: { requestId: string }) {
  const add = useAddComment(requestId);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState("");
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const id = `${useId()}-comment`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setError("Write the comment first");
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setSent("");
    try {
      await add.mutateAsync({ body: text });
      setBody("");
      setSent("Comment added.");
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.fields.body ? failure.fields.body : errorMessage(failure),
      );
      inputRef.current?.focus();
    }
  }

  return (
    <form noValidate onSubmit={submit} aria-label="Add a comment" className="space-y-3">
      <Field id={id} label="Add a comment" limit={{ max: REQUEST_LIMITS.comment, value: body }} error={error}>
        {(control) => (
          <TextArea
            {...control}
            ref={inputRef}
            rows={3}
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
              if (error) setError(null);
            }}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" pending={add.isPending} pendingText="Adding…">
          Add comment
        </Button>
        <p role="status" className="text-sm text-emerald-800">
          {sent}
        </p>
      </div>
    </form>
  );
}
