"use client";

import { Button } from "@/components/ui/button";
import { ErrorSummary, focusControl } from "@/components/ui/error-summary";
import { Field, RadioGroup, TextArea } from "@/components/ui/field";
import type { ApiError } from "@/lib/api-client";
import type { FieldErrors } from "@/lib/catalog/forms";
import { ConnectorDecision } from "@/lib/requests/components/connector-decision";
import { GatewayDecision } from "@/lib/requests/components/gateway-decision";
import {
  type DecisionDraft,
  type DecisionIds,
  useDecisionForm,
} from "@/lib/requests/components/use-decision-form";
import type { RequestDetail, RequestRecord } from "@/lib/requests/contract";
import { gatewayDetailsOf } from "@/lib/requests/details";
import { REQUEST_LIMITS } from "@/lib/requests/schemas";

interface DecisionFormProps {
  request: RequestDetail;
  onDecided: (decided: RequestRecord) => void;
  /** Someone decided first (409): the page shows who, with the request as it is now. */
  onConflict: (error: ApiError) => void;
}

/**
 * Approve or reject with a reason. Approving a connector request links an existing connector
 * of the service or creates one; approving a gateway request picks or registers a gateway.
 */
export function DecisionForm({ request, onDecided, onConflict }: DecisionFormProps) {
  const form = useDecisionForm({ request, onDecided, onConflict });
  const { ids, draft, change, errors } = form;
  const approving = draft.decision === "APPROVE";
  const isConnector = request.type === "SHARED_KEY_CONNECTOR";

  return (
    <form noValidate onSubmit={form.submit} aria-label="Decide this request" className="space-y-5">
      <ErrorSummary
        ref={form.summaryRef}
        errors={form.summary}
        onSelect={(error) => error.targetId && focusControl(error.targetId)}
      />
      <DecisionAndReason ids={ids} draft={draft} change={change} errors={errors} isConnector={isConnector} />
      {approving && isConnector ? (
        <ConnectorDecision
          service={request.service}
          ids={ids}
          draft={draft}
          change={change}
          usable={form.usable}
          errors={errors}
        />
      ) : null}
      {approving && !isConnector ? (
        <GatewayDecision
          dataSource={gatewayDetailsOf(request)}
          ids={ids}
          draft={draft}
          change={change}
          gateways={form.gateways}
          errors={errors}
        />
      ) : null}
      <Button type="submit" pending={form.pending} pendingText="Recording the decision…">
        {draft.decision === "APPROVE"
          ? "Approve request"
          : draft.decision === "REJECT"
            ? "Reject request"
            : "Record decision"}
      </Button>
    </form>
  );
}

interface DecisionAndReasonProps {
  ids: DecisionIds;
  draft: DecisionDraft;
  change: (patch: Partial<DecisionDraft>) => void;
  errors: FieldErrors;
  isConnector: boolean;
}

/** Approve or reject, and the reason the maker reads either way. */
function DecisionAndReason({ ids, draft, change, errors, isConnector }: DecisionAndReasonProps) {
  return (
    <>
      <RadioGroup
        id={ids.decision}
        name={ids.decision}
        legend="Decision"
        value={draft.decision}
        error={errors.decision}
        required
        columns={2}
        onChange={(decision) => change({ decision })}
        options={[
          {
            value: "APPROVE",
            label: "Approve",
            description: isConnector
              ? "Link or create the connector; the automation's prerequisite is satisfied at once."
              : "Assign a gateway; the automation's prerequisite is satisfied at once.",
          },
          { value: "REJECT", label: "Reject", description: "The maker sees your reason and can ask again." },
        ]}
      />
      <Field
        id={ids.reason}
        label="Reason"
        required
        hint="The maker reads this with the decision."
        limit={{ max: REQUEST_LIMITS.decisionReason, value: draft.reason }}
        error={errors.reason}
      >
        {(control) => (
          <TextArea
            {...control}
            rows={3}
            value={draft.reason}
            onChange={(event) => change({ reason: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}
