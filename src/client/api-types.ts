/* Generated from /openapi.json by `npm run docs` (scripts/client-types.ts). Do not edit. */
export interface paths {
    "/authorize/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The confirmation page of an authorization link (HTML) */
        get: operations["getAuthorizeByToken"];
        put?: never;
        /**
         * Confirm an authorization link as the signed-in user
         * @description Send your own bearer token (same organization). It is stored encrypted as the delegated access and the authorization becomes active. Works once.
         */
        post: operations["postAuthorizeByToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/components": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the node components with their config JSON Schemas */
        get: operations["getComponents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/forms/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The page of a form’s one-time link (HTML, no account needed) */
        get: operations["getFormsByToken"];
        put?: never;
        /**
         * Answer a form through its one-time link (an HTML form post)
         * @description Takes `button` and `values.<field>` as application/x-www-form-urlencoded, validates them like the API, and answers once. 422 re-renders the form with the problems; a used or expired link answers 410.
         */
        post: operations["postFormsByToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Process is up */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/l/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow a short link (302 to its URL) */
        get: operations["getLByCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text exposition. Served on the API port only when STRATOFLOW_METRICS_TOKEN is set, with that token as the bearer token (the metrics token, not a user JWT); 404 otherwise. docs/operations.md lists the metrics.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database reachable and migrations current */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vault": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List vault items (values are never returned)
         * @deprecated
         */
        get: operations["getVault"];
        put?: never;
        /**
         * Create a vault item
         * @deprecated
         * @description The secret is encrypted at rest and never returned. A name starting with 'api-key:' generates a workflow API key (wfk_...), returned once as `secret` in this response.
         */
        post: operations["postVault"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vault/{vaultId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a vault item (without its value)
         * @deprecated
         */
        get: operations["getVaultByVaultId"];
        /**
         * Replace a vault item’s name, secret and expiry
         * @deprecated
         * @description name and secret are required. An api-key: item keeps its generated key: send no secret; only name and expires_at change.
         */
        put: operations["putVaultByVaultId"];
        post?: never;
        /**
         * Delete a vault item (workflows that use it fail from then on)
         * @deprecated
         */
        delete: operations["deleteVaultByVaultId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List workflows
         * @description A bare array of every workflow (as the hosted API answers); with `page` or `per_page` (default 15, max 100) a Laravel paginator instead. Items omit `nodes` and `edges`.
         */
        get: operations["getWorkflows"];
        put?: never;
        /** Create a workflow */
        post: operations["postWorkflows"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{workflowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a workflow */
        get: operations["getWorkflow"];
        /** Update a workflow (only the fields sent change) */
        put: operations["putWorkflow"];
        post?: never;
        /** Delete a workflow with its runs and logs */
        delete: operations["deleteWorkflow"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{workflowId}/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Execute a workflow asynchronously
         * @description The context becomes the trigger output. An Idempotency-Key replays the first run for 24 hours.
         */
        post: operations["postWorkflowExecute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{workflowId}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List runs of a workflow (newest first)
         * @description Laravel paginator; `status` keeps only runs in that state. Items omit logs, and the trigger payload unless `include=trigger_payload` (GET /workflows/runs/{runId} has both).
         */
        get: operations["getWorkflowExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{workflowId}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List log entries of a workflow (newest first)
         * @description An array, one page at a time: `page`, `per_page` (default 15, max 100); the total in `X-Total-Count`, absolute page URLs in `Link`.
         */
        get: operations["getWorkflowLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{workflowId}/logs/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Log and run statistics of a workflow */
        get: operations["getWorkflowLogsStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{workflowId}/webhook/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the webhook URL
         * @description Replaces the webhook token: the old URL stops working at once, the answer shows the new `webhook_url` in full. Tokens are stored hashed, so after creation `webhook_url` is shown masked (`whsec_****abcd`); rotating is how a lost URL is recovered.
         */
        post: operations["postWorkflowWebhookRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/authorization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organization’s authorizations (pending and active) */
        get: operations["getWorkflowsAuthorization"];
        put?: never;
        /**
         * Start an authorization: returns the URL where the user confirms it
         * @description Creates a pending authorization and a one-time link (valid 1 hour). The signed-in user opens it and confirms; their bearer token is then stored encrypted and the authorization becomes active.
         */
        post: operations["postWorkflowsAuthorization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/authorization/{authId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an authorization (runs of workflows that use it fail fast from then on) */
        delete: operations["deleteWorkflowsAuthorizationByAuthId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a platform event
         * @description Starts every active workflow of your organization whose trigger matches the event type (e.g. `site.offline` starts `site_offline` workflows) with the event as the trigger output. An Idempotency-Key makes a retried delivery return the runs of the first one for 24 hours.
         */
        post: operations["postWorkflowsEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the organization’s open interactions (an inbox), newest first
         * @description Forms that runs of the organization wait for: pending, not timed out, of a run still going. Paginated like run lists.
         */
        get: operations["getWorkflowsInteractions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organization's short links (newest first), with click counts */
        get: operations["getWorkflowsLinks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a short link (its URL answers 404 from then on) */
        delete: operations["deleteWorkflowsLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/logs/recent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest log entry of each workflow (newest first)
         * @description `limit` keeps the newest entries; `page`/`per_page` page through them.
         */
        get: operations["getWorkflowsLogsRecent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/logs/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Run statistics of the organization (last 30 days)
         * @description Runs per day, per-workflow outcomes and the latest failed runs: what the web app dashboard shows.
         */
        get: operations["getWorkflowsLogsStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the organization’s runs across workflows (newest first)
         * @description Laravel paginator; filter with `status` and `workflow_id`. Items omit logs, and the trigger payload unless `include=trigger_payload` (GET /workflows/runs/{runId} has both).
         */
        get: operations["getWorkflowsRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a run with its ordered logs */
        get: operations["getWorkflowsRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a run live (server-sent events)
         * @description `text/event-stream` of the run: `run` (the run without payload, again whenever its state changes), `log` (each log entry as it commits; `id` is its sequence number, so `Last-Event-ID` resumes), `nodes` (every node’s state, as in GET /workflows/runs/{runId}/graph), then `end` once the run has completed or failed, and the stream closes. `: keep-alive` comments flow while nothing happens. A store failure sends `error` (the error envelope). At most a few streams per organization are open at once (429 `too_many_run_streams`). Send the bearer token in the Authorization header.
         */
        get: operations["getWorkflowsRunEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a run's files (oldest first) */
        get: operations["getWorkflowsRunFiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}/files/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a run file
         * @description Answers the bytes with the content type the node gave them and an attachment disposition.
         */
        get: operations["getWorkflowsRunFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}/graph": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The graph a run executed, with each node’s state
         * @description Nodes and edges of the workflow version the run pinned, and per node: `success`, `error`, `skipped` (a branch not taken), `not_reached`, `running` or `waiting`, with the last attempt’s duration.
         */
        get: operations["getWorkflowsRunGraph"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List what a run asked people (its forms), with their status */
        get: operations["getWorkflowsRunInteractions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}/interactions/{nodeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a form: the run continues down the chosen button’s path
         * @description Validates `values` against the form (422 with `param` such as `values.email`; fields hidden by `visible_when` are not required and not kept), records the token’s `sub` and the time, and continues the run. 409 when the run no longer waits there (answered, timed out, ended). Of concurrent answers exactly one succeeds.
         */
        post: operations["postWorkflowsRunInteractionsByNodeId"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-run with the original trigger payload
         * @description Uses the workflow as it is now; `?version=original` re-runs the definition the original run used.
         */
        post: operations["postWorkflowsRunRerun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/runs/{runId}/resume-from/{nodeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a failed run after a node that succeeded */
        post: operations["postWorkflowsRunResumeFromByNodeId"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/sync/{workflowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Execute a synchronous workflow
         * @description Runs a sync_request_trigger workflow inline (30 s limit) and answers with the output of its final text_transform: JSON when it parses, else text. The body is `payload` in templates. A W3C `traceparent` (and `tracestate`) header puts the run in that trace.
         */
        post: operations["postWorkflowsSyncByWorkflowId"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/test-node": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a single node
         * @description Runs one node against a mock context (outputs keyed by node id, e.g. {"n1": {...}}); nothing is stored (files and short links are previews). With `authorization_id`, platform nodes act as that authorization's user. A failing node answers 422 node_test_failed with its message.
         */
        post: operations["postWorkflowsTestNode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/triggerable-workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workflows another workflow can call */
        get: operations["getWorkflowsTriggerableWorkflows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate a workflow definition
         * @description Same body as create. Answers 200 with every problem found (`errors`, and `issues` with each field path) and the template references that will not resolve (`warnings`); never stores anything.
         */
        post: operations["postWorkflowsValidate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/vault": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List vault items (values are never returned) */
        get: operations["getWorkflowsVault"];
        put?: never;
        /**
         * Create a vault item
         * @description The secret is encrypted at rest and never returned. A name starting with 'api-key:' generates a workflow API key (wfk_...), returned once as `secret` in this response.
         */
        post: operations["postWorkflowsVault"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/vault/{vaultId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a vault item (without its value) */
        get: operations["getWorkflowsVaultByVaultId"];
        /**
         * Replace a vault item’s name, secret and expiry
         * @description name and secret are required. An api-key: item keeps its generated key: send no secret; only name and expires_at change.
         */
        put: operations["putWorkflowsVaultByVaultId"];
        post?: never;
        /** Delete a vault item (workflows that use it fail from then on) */
        delete: operations["deleteWorkflowsVaultByVaultId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/webhooks/{webhookToken}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trigger a workflow via its webhook URL
         * @description Body and headers become the trigger output; the body is also `webhook_payload`. 202 once stored. A W3C `traceparent` (and `tracestate`) header puts the run in that trace.
         */
        post: operations["postWorkflowsWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Authorization (delegated access of one user) */
        Authorization: {
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            id: string;
            provider: string | null;
            /** @enum {string} */
            status: "pending" | "active";
            user_id: string | null;
        };
        /** @description Authorization (delegated access of one user) */
        AuthorizationInput: {
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            id: string;
            provider: string | null;
            /** @enum {string} */
            status: "pending" | "active";
            user_id: string | null;
        };
        Edge: {
            id: string;
            source: string;
            sourceHandle?: string | null;
            target: string;
            targetHandle?: string | null;
        };
        EdgeInput: {
            id: string;
            source: string;
            sourceHandle?: string | null;
            target: string;
            targetHandle?: string | null;
        };
        /** @description Error envelope */
        Error: {
            /** @enum {string} */
            code: "invalid_json" | "json_too_deep" | "request_too_large" | "unsupported_media_type" | "malformed_request" | "request_headers_too_large" | "request_timeout" | "parameter_missing" | "parameter_invalid" | "workflow_invalid" | "authentication_required" | "token_invalid" | "token_expired" | "permission_denied" | "route_not_found" | "metrics_not_enabled" | "method_not_allowed" | "resource_not_found" | "workflow_in_use" | "idempotency_key_reused" | "run_not_finished" | "node_test_failed" | "workflow_not_sync" | "sync_run_failed" | "workflow_inactive" | "run_not_resumable" | "node_not_resumable" | "vault_name_taken" | "authorization_link_invalid" | "authorization_org_mismatch" | "interaction_closed" | "form_link_invalid" | "event_type_unknown" | "rate_limited" | "webhook_signature_invalid" | "webhook_replayed" | "quota_exceeded" | "runs_in_flight_exceeded" | "concurrency_limited" | "too_many_run_streams" | "sync_timeout" | "service_unavailable" | "internal_error" | "node_failed" | "node_timeout" | "run_timeout" | "node_config_invalid" | "http_request_failed" | "http_destination_blocked" | "connection_failed" | "remote_auth_failed" | "host_key_mismatch" | "remote_command_failed" | "soap_fault" | "template_error" | "run_terminated" | "vault_item_not_found" | "vault_item_expired" | "vault_decrypt_failed" | "authorization_unavailable" | "platform_api_unconfigured" | "platform_api_failed" | "http_certificate_rejected" | "run_file_too_large" | "short_link_expired";
            doc_url: string;
            errors?: unknown[];
            message: string;
            param?: string;
            type: string;
        };
        /** @description Error envelope */
        ErrorInput: {
            /** @enum {string} */
            code: "invalid_json" | "json_too_deep" | "request_too_large" | "unsupported_media_type" | "malformed_request" | "request_headers_too_large" | "request_timeout" | "parameter_missing" | "parameter_invalid" | "workflow_invalid" | "authentication_required" | "token_invalid" | "token_expired" | "permission_denied" | "route_not_found" | "metrics_not_enabled" | "method_not_allowed" | "resource_not_found" | "workflow_in_use" | "idempotency_key_reused" | "run_not_finished" | "node_test_failed" | "workflow_not_sync" | "sync_run_failed" | "workflow_inactive" | "run_not_resumable" | "node_not_resumable" | "vault_name_taken" | "authorization_link_invalid" | "authorization_org_mismatch" | "interaction_closed" | "form_link_invalid" | "event_type_unknown" | "rate_limited" | "webhook_signature_invalid" | "webhook_replayed" | "quota_exceeded" | "runs_in_flight_exceeded" | "concurrency_limited" | "too_many_run_streams" | "sync_timeout" | "service_unavailable" | "internal_error" | "node_failed" | "node_timeout" | "run_timeout" | "node_config_invalid" | "http_request_failed" | "http_destination_blocked" | "connection_failed" | "remote_auth_failed" | "host_key_mismatch" | "remote_command_failed" | "soap_fault" | "template_error" | "run_terminated" | "vault_item_not_found" | "vault_item_expired" | "vault_decrypt_failed" | "authorization_unavailable" | "platform_api_unconfigured" | "platform_api_failed" | "http_certificate_rejected" | "run_file_too_large" | "short_link_expired";
            doc_url: string;
            errors?: unknown[];
            message: string;
            param?: string;
            type: string;
        };
        Log: {
            attempt: number;
            component_id: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            duration_ms: number;
            id: string;
            input: unknown;
            node_id: string;
            output: unknown;
            run_id: string;
            /** @enum {string} */
            status: "success" | "error" | "warning";
            /** @description Variables the node's templates read that do not exist (`n1.body is undefined`). */
            warnings: string[];
            workflow_id: string;
        };
        LogInput: {
            attempt: number;
            component_id: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            duration_ms: number;
            id: string;
            input: unknown;
            node_id: string;
            output: unknown;
            run_id: string;
            /** @enum {string} */
            status: "success" | "error" | "warning";
            /** @description Variables the node's templates read that do not exist (`n1.body is undefined`). */
            warnings: string[];
            workflow_id: string;
        };
        Node: {
            data: {
                componentId: string;
            } & {
                [key: string]: unknown;
            };
            id: string;
            /**
             * @default {
             *       "x": 0,
             *       "y": 0
             *     }
             */
            position: {
                x: number;
                y: number;
            };
            type?: string;
        };
        NodeInput: {
            data: {
                componentId: string;
            } & {
                [key: string]: unknown;
            };
            id: string;
            /**
             * @default {
             *       "x": 0,
             *       "y": 0
             *     }
             */
            position: {
                x: number;
                y: number;
            };
            type?: string;
        };
        /** @description Paginated<Interaction>: Laravel's length-aware paginator */
        PaginatedInteraction: {
            data: {
                answer: {
                    button: string;
                    values: {
                        [key: string]: unknown;
                    };
                } | null;
                answered_at: string | null;
                /** @description `sub` of the answering token; null through the link */
                answered_by: string | null;
                assignee: string | null;
                /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                created_at: string;
                expires_at: string | null;
                form: {
                    buttons: {
                        id: string;
                        label: string;
                    }[];
                    description: string;
                    fields: {
                        help?: string;
                        label: string;
                        name: string;
                        options?: {
                            label: string;
                            value: string;
                        }[];
                        placeholder?: string;
                        required: boolean;
                        /** @enum {string} */
                        type: "text" | "textarea" | "number" | "email" | "select" | "checkbox" | "date";
                        /** @description Shown (and required) only while that earlier field has this value */
                        visible_when?: {
                            equals?: unknown;
                            field: string;
                            in?: unknown[];
                            not_equals?: unknown;
                        };
                    }[];
                    title: string;
                };
                id: string;
                node_id: string;
                run_id: string;
                /** @enum {string} */
                status: "pending" | "answered" | "expired" | "cancelled";
                /** @description One-time link for people without an account (`access: "link"`) */
                url: string | null;
                workflow_id: string;
            }[];
            links: components["schemas"]["PaginatedLinks"];
            meta: components["schemas"]["PaginatedMeta"];
        };
        /** @description Paginated<Interaction>: Laravel's length-aware paginator */
        PaginatedInteractionInput: {
            data: {
                answer: {
                    button: string;
                    values: {
                        [key: string]: unknown;
                    };
                } | null;
                answered_at: string | null;
                /** @description `sub` of the answering token; null through the link */
                answered_by: string | null;
                assignee: string | null;
                /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                created_at: string;
                expires_at: string | null;
                form: {
                    buttons: {
                        id: string;
                        label: string;
                    }[];
                    description: string;
                    fields: {
                        help?: string;
                        label: string;
                        name: string;
                        options?: {
                            label: string;
                            value: string;
                        }[];
                        placeholder?: string;
                        required: boolean;
                        /** @enum {string} */
                        type: "text" | "textarea" | "number" | "email" | "select" | "checkbox" | "date";
                        /** @description Shown (and required) only while that earlier field has this value */
                        visible_when?: {
                            equals?: unknown;
                            field: string;
                            in?: unknown[];
                            not_equals?: unknown;
                        };
                    }[];
                    title: string;
                };
                id: string;
                node_id: string;
                run_id: string;
                /** @enum {string} */
                status: "pending" | "answered" | "expired" | "cancelled";
                /** @description One-time link for people without an account (`access: "link"`) */
                url: string | null;
                workflow_id: string;
            }[];
            links: components["schemas"]["PaginatedLinksInput"];
            meta: components["schemas"]["PaginatedMetaInput"];
        };
        /** @description Absolute URLs of the first, last, previous and next pages */
        PaginatedLinks: {
            first: string | null;
            last: string | null;
            next: string | null;
            prev: string | null;
        };
        /** @description Absolute URLs of the first, last, previous and next pages */
        PaginatedLinksInput: {
            first: string | null;
            last: string | null;
            next: string | null;
            prev: string | null;
        };
        PaginatedMeta: {
            current_page: number;
            from: number | null;
            last_page: number;
            path: string;
            per_page: number;
            to: number | null;
            total: number;
        };
        PaginatedMetaInput: {
            current_page: number;
            from: number | null;
            last_page: number;
            path: string;
            per_page: number;
            to: number | null;
            total: number;
        };
        /** @description Paginated<RunSummary>: Laravel's length-aware paginator */
        PaginatedRunSummary: {
            data: components["schemas"]["RunSummary"][];
            links: components["schemas"]["PaginatedLinks"];
            meta: components["schemas"]["PaginatedMeta"];
        };
        /** @description Paginated<RunSummary>: Laravel's length-aware paginator */
        PaginatedRunSummaryInput: {
            data: components["schemas"]["RunSummaryInput"][];
            links: components["schemas"]["PaginatedLinksInput"];
            meta: components["schemas"]["PaginatedMetaInput"];
        };
        /** @description Paginated<ShortLink>: Laravel's length-aware paginator */
        PaginatedShortLink: {
            data: {
                clicks: number;
                code: string;
                /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                created_at: string;
                expires_at: string | null;
                id: string;
                run_id: string | null;
                short_url: string;
                url: string;
                workflow_id: string | null;
            }[];
            links: components["schemas"]["PaginatedLinks"];
            meta: components["schemas"]["PaginatedMeta"];
        };
        /** @description Paginated<ShortLink>: Laravel's length-aware paginator */
        PaginatedShortLinkInput: {
            data: {
                clicks: number;
                code: string;
                /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                created_at: string;
                expires_at: string | null;
                id: string;
                run_id: string | null;
                short_url: string;
                url: string;
                workflow_id: string | null;
            }[];
            links: components["schemas"]["PaginatedLinksInput"];
            meta: components["schemas"]["PaginatedMetaInput"];
        };
        /** @description Paginated<Workflow>: Laravel's length-aware paginator */
        PaginatedWorkflow: {
            data: components["schemas"]["Workflow"][];
            links: components["schemas"]["PaginatedLinks"];
            meta: components["schemas"]["PaginatedMeta"];
        };
        /** @description Paginated<Workflow>: Laravel's length-aware paginator */
        PaginatedWorkflowInput: {
            data: components["schemas"]["WorkflowInput"][];
            links: components["schemas"]["PaginatedLinksInput"];
            meta: components["schemas"]["PaginatedMetaInput"];
        };
        Run: {
            completed_at: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            duration_in_seconds: number | null;
            error_message: string | null;
            failed_node_id: string | null;
            id: string;
            logs?: components["schemas"]["Log"][];
            /**
             * @description What started the run: its trigger, a re-run, a resume, a parent run…
             * @enum {string}
             */
            origin: "manual" | "webhook" | "schedule" | "rerun" | "resume" | "workflow" | "sync" | "event";
            original_run_id: string | null;
            /** @description The run whose trigger_workflow or iterator node started this one */
            parent_run_id: string | null;
            progress?: {
                done: number;
                node_id: string;
                total: number;
            }[];
            resumed_from_node_id: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            started_at: string;
            /** @enum {string} */
            status: "pending" | "running" | "completed" | "failed" | "awaiting_ui_interaction";
            /** @description The W3C trace id of the run: from the traceparent header it was started with, else a new one (null on runs older than tracing) */
            trace_id: string | null;
            trigger_payload: {
                [key: string]: unknown;
            };
            /** @description The workflow version this run executed (see GET /workflows/runs/{runId}/graph) */
            version_id: string;
            workflow_id: string;
        };
        RunInput: {
            completed_at: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            duration_in_seconds: number | null;
            error_message: string | null;
            failed_node_id: string | null;
            id: string;
            logs?: components["schemas"]["LogInput"][];
            /**
             * @description What started the run: its trigger, a re-run, a resume, a parent run…
             * @enum {string}
             */
            origin: "manual" | "webhook" | "schedule" | "rerun" | "resume" | "workflow" | "sync" | "event";
            original_run_id: string | null;
            /** @description The run whose trigger_workflow or iterator node started this one */
            parent_run_id: string | null;
            progress?: {
                done: number;
                node_id: string;
                total: number;
            }[];
            resumed_from_node_id: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            started_at: string;
            /** @enum {string} */
            status: "pending" | "running" | "completed" | "failed" | "awaiting_ui_interaction";
            /** @description The W3C trace id of the run: from the traceparent header it was started with, else a new one (null on runs older than tracing) */
            trace_id: string | null;
            trigger_payload: {
                [key: string]: unknown;
            };
            /** @description The workflow version this run executed (see GET /workflows/runs/{runId}/graph) */
            version_id: string;
            workflow_id: string;
        };
        RunSummary: {
            completed_at: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            duration_in_seconds: number | null;
            error_message: string | null;
            failed_node_id: string | null;
            id: string;
            /**
             * @description What started the run: its trigger, a re-run, a resume, a parent run…
             * @enum {string}
             */
            origin: "manual" | "webhook" | "schedule" | "rerun" | "resume" | "workflow" | "sync" | "event";
            original_run_id: string | null;
            /** @description The run whose trigger_workflow or iterator node started this one */
            parent_run_id: string | null;
            progress?: {
                done: number;
                node_id: string;
                total: number;
            }[];
            resumed_from_node_id: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            started_at: string;
            /** @enum {string} */
            status: "pending" | "running" | "completed" | "failed" | "awaiting_ui_interaction";
            /** @description The W3C trace id of the run: from the traceparent header it was started with, else a new one (null on runs older than tracing) */
            trace_id: string | null;
            /** @description Only with `include=trigger_payload`; GET /workflows/runs/{runId} always has it */
            trigger_payload?: {
                [key: string]: unknown;
            };
            /** @description The workflow version this run executed (see GET /workflows/runs/{runId}/graph) */
            version_id: string;
            workflow_id: string;
        };
        RunSummaryInput: {
            completed_at: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            duration_in_seconds: number | null;
            error_message: string | null;
            failed_node_id: string | null;
            id: string;
            /**
             * @description What started the run: its trigger, a re-run, a resume, a parent run…
             * @enum {string}
             */
            origin: "manual" | "webhook" | "schedule" | "rerun" | "resume" | "workflow" | "sync" | "event";
            original_run_id: string | null;
            /** @description The run whose trigger_workflow or iterator node started this one */
            parent_run_id: string | null;
            progress?: {
                done: number;
                node_id: string;
                total: number;
            }[];
            resumed_from_node_id: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            started_at: string;
            /** @enum {string} */
            status: "pending" | "running" | "completed" | "failed" | "awaiting_ui_interaction";
            /** @description The W3C trace id of the run: from the traceparent header it was started with, else a new one (null on runs older than tracing) */
            trace_id: string | null;
            /** @description Only with `include=trigger_payload`; GET /workflows/runs/{runId} always has it */
            trigger_payload?: {
                [key: string]: unknown;
            };
            /** @description The workflow version this run executed (see GET /workflows/runs/{runId}/graph) */
            version_id: string;
            workflow_id: string;
        };
        /** @description Vault item (its value is never returned) */
        VaultItem: {
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            expires_at: string | null;
            id: string;
            name: string;
        };
        /** @description Vault item (its value is never returned) */
        VaultItemInput: {
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            expires_at: string | null;
            id: string;
            name: string;
        };
        Workflow: {
            authorization_id: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            description: string | null;
            edges?: components["schemas"]["Edge"][];
            id: string;
            is_active: boolean;
            name: string;
            next_run_at: string | null;
            nodes?: components["schemas"]["Node"][];
            schedule_timezone: string | null;
            schedule_type: ("manual" | "interval" | "cron" | "daily" | "weekly" | "monthly") | null;
            schedule_value: string | null;
            strict_variables: boolean;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            updated_at: string;
            version_id: string;
            /** @description Create and update only, when there are any: template references that will not resolve when the workflow runs (the workflow was saved). */
            warnings?: {
                message: string;
                param: string;
            }[];
            webhook_url: string | null;
        };
        WorkflowInput: {
            authorization_id: string | null;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            created_at: string;
            description: string | null;
            edges?: components["schemas"]["EdgeInput"][];
            id: string;
            is_active: boolean;
            name: string;
            next_run_at: string | null;
            nodes?: components["schemas"]["NodeInput"][];
            schedule_timezone: string | null;
            schedule_type: ("manual" | "interval" | "cron" | "daily" | "weekly" | "monthly") | null;
            schedule_value: string | null;
            strict_variables: boolean;
            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
            updated_at: string;
            version_id: string;
            /** @description Create and update only, when there are any: template references that will not resolve when the workflow runs (the workflow was saved). */
            warnings?: {
                message: string;
                param: string;
            }[];
            webhook_url: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAuthorizeByToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description HTML page */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    postAuthorizeByToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Authorization"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getComponents: {
        parameters: {
            query?: {
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        componentId: string;
                        config_derived_handles: boolean;
                        config_schema: {
                            [key: string]: unknown;
                        };
                        description: string;
                        handles: string[];
                        kind: string;
                        output_schema: {
                            [key: string]: unknown;
                        } | null;
                        title: string;
                    }[];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFormsByToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string | components["schemas"]["Error"];
                };
            };
            /** @description HTML page */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    postFormsByToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string | components["schemas"]["Error"];
                };
            };
            /** @description HTML page */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string | components["schemas"]["Error"];
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getLByCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect; Location is the long URL */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description HTML page: unknown link */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description HTML page: expired link */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "unavailable";
                    };
                };
            };
        };
    };
    getVault: {
        parameters: {
            query?: {
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VaultItem"][];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postVault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description ISO-8601 date-time in the future, or null for no expiry */
                    expires_at?: string | null;
                    /** @description 3–50 characters. A name starting with 'api-key:' generates a workflow API key (wfk_...) instead of storing a secret. */
                    name: string;
                    /** @description The value (up to 2,000 characters). Required, except for api-key: names. Never returned. */
                    secret?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                        created_at: string;
                        expires_at: string | null;
                        id: string;
                        name: string;
                        /** @description For api-key: names only: the generated wfk_ key. Shown in this response only; store it now. */
                        secret?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getVaultByVaultId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                vaultId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VaultItem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putVaultByVaultId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                vaultId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description ISO-8601 date-time in the future, or null for no expiry */
                    expires_at?: string | null;
                    /** @description 3–50 characters. A name starting with 'api-key:' generates a workflow API key (wfk_...) instead of storing a secret. */
                    name: string;
                    /** @description The value (up to 2,000 characters). Required, except for api-key: names. Never returned. */
                    secret?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VaultItem"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteVaultByVaultId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                vaultId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflows: {
        parameters: {
            query?: {
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"][] | components["schemas"]["PaginatedWorkflow"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflows: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    authorization_id?: string | null;
                    description?: string | null;
                    edges: components["schemas"]["EdgeInput"][];
                    is_active?: boolean;
                    name: string;
                    nodes: components["schemas"]["NodeInput"][];
                    schedule_timezone?: string | null;
                    schedule_type?: ("manual" | "interval" | "cron" | "daily" | "weekly" | "monthly") | null;
                    schedule_value?: string | null;
                    /** @description A template reading an undefined variable fails the node instead of leaving a warning in its log (default false). */
                    strict_variables?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    authorization_id?: string | null;
                    description?: string | null;
                    edges?: components["schemas"]["EdgeInput"][];
                    is_active?: boolean;
                    name?: string;
                    nodes?: components["schemas"]["NodeInput"][];
                    schedule_timezone?: string | null;
                    schedule_type?: ("manual" | "interval" | "cron" | "daily" | "weekly" | "monthly") | null;
                    schedule_value?: string | null;
                    /** @description A template reading an undefined variable fails the node instead of leaving a warning in its log (default false). */
                    strict_variables?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowExecute: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description W3C traceparent: the run joins this trace */
                traceparent?: string;
                /** @description W3C tracestate, passed on with traceparent */
                tracestate?: string;
            };
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The run input: becomes the trigger output ({{ n1.name }} reads `name`)
                     * @default {}
                     */
                    context?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowExecutions: {
        parameters: {
            query?: {
                /** @description `trigger_payload` adds each run’s trigger payload (left out by default: it can be large) */
                include?: "trigger_payload";
                page?: number;
                per_page?: number;
                status?: "pending" | "running" | "completed" | "failed" | "awaiting_ui_interaction";
            };
            header?: never;
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedRunSummary"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowLogs: {
        parameters: {
            query?: {
                from?: string;
                node_id?: string;
                page?: number;
                per_page?: number;
                run_id?: string;
                status?: "success" | "error" | "warning";
                to?: string;
            };
            header?: never;
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Log"][];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowLogsStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow's log entries by status */
                        log_statuses: {
                            [key: string]: number;
                        };
                        /** @description Runs of the last 30 UTC days (today included: the days of runs_per_day), by status */
                        recent_runs: {
                            [key: string]: number;
                        };
                        /** @description The last 30 UTC days, oldest first (a Stratoflow addition) */
                        runs_per_day: {
                            completed: number;
                            /** @description UTC day, YYYY-MM-DD */
                            date: string;
                            failed: number;
                            /** @description Runs not finished yet (pending, running, waiting) */
                            other: number;
                        }[];
                        /** @description Completed among finished runs of all time, in % */
                        success_rate: number;
                        /** @description Runs of all time */
                        total_runs: number;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowWebhookRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsAuthorization: {
        parameters: {
            query?: {
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Authorization"][];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsAuthorization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description One-time page where the signed-in user confirms the authorization (valid 1 hour) */
                        url: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWorkflowsAuthorizationByAuthId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                authId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsEvents: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Event details (site id, interface...); its top-level fields appear in the trigger output
                     * @default {}
                     */
                    data?: {
                        [key: string]: unknown;
                    };
                    /** @description The platform event: `site.offline`, `site.online`, `site.added`, `site.removed`, `wan.offline`, `wan.online`, `wan.packet_loss_started`, `wan.packet_loss_resolved` */
                    type: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The runs started, one per matching active workflow (may be empty) */
                        run_ids: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsInteractions: {
        parameters: {
            query?: {
                /** @description Only those meant for this user id or email */
                assignee?: string;
                page?: number;
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedInteraction"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsLinks: {
        parameters: {
            query?: {
                page?: number;
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedShortLink"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWorkflowsLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                linkId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsLogsRecent: {
        parameters: {
            query?: {
                /** @description At most this many entries (the newest); all workflows when absent */
                limit?: number;
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Log"][];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsLogsStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Days covered (30) */
                        days: number;
                        /** @description Each workflow’s newest run, whenever it was */
                        last_runs: {
                            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                            created_at: string;
                            run_id: string;
                            status: string;
                            workflow_id: string;
                        }[];
                        recent_failures: {
                            /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                            created_at: string;
                            error_message: string | null;
                            failed_node_id: string | null;
                            run_id: string;
                            workflow_id: string;
                            workflow_name: string | null;
                        }[];
                        /** @description Oldest first, one entry per day */
                        runs_per_day: {
                            completed: number;
                            /** @description UTC day, YYYY-MM-DD */
                            date: string;
                            failed: number;
                            /** @description Runs not finished yet (pending, running, waiting) */
                            other: number;
                        }[];
                        /** @description Workflows that ran in the period, busiest first */
                        workflows: {
                            completed: number;
                            failed: number;
                            name: string;
                            /** @description Completed among finished runs, in % */
                            success_rate: number;
                            total_runs: number;
                            workflow_id: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsRuns: {
        parameters: {
            query?: {
                /** @description `trigger_payload` adds each run’s trigger payload (left out by default: it can be large) */
                include?: "trigger_payload";
                page?: number;
                per_page?: number;
                status?: "pending" | "running" | "completed" | "failed" | "awaiting_ui_interaction";
                workflow_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedRunSummary"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsRunEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-sent events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsRunFiles: {
        parameters: {
            query?: {
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        content_type: string;
                        /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                        created_at: string;
                        download_url: string;
                        id: string;
                        name: string;
                        /** @description The node that produced the file */
                        node_id: string;
                        run_id: string;
                        /** @description Bytes */
                        size: number;
                        workflow_id: string;
                    }[];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsRunFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                    "application/pdf": unknown;
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Error"];
                    "application/pdf": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Error"];
                    "application/pdf": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Error"];
                    "application/pdf": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsRunGraph: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        edges: components["schemas"]["Edge"][];
                        node_states: {
                            [key: string]: {
                                /** @description Attempts logged in this run */
                                attempts: number;
                                /** @description The node's last attempt; null when it did not run in this run */
                                duration_ms: number | null;
                                /** @description Copied from the original run by a resume, not executed again */
                                inherited: boolean;
                                /** @enum {string} */
                                status: "success" | "error" | "skipped" | "not_reached" | "running" | "waiting";
                                /** @description When a waiting node (Delay, retry back-off) wakes */
                                waiting_until: string | null;
                            };
                        };
                        nodes: components["schemas"]["Node"][];
                        run_id: string;
                        version_id: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsRunInteractions: {
        parameters: {
            query?: {
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answer: {
                            button: string;
                            values: {
                                [key: string]: unknown;
                            };
                        } | null;
                        answered_at: string | null;
                        /** @description `sub` of the answering token; null through the link */
                        answered_by: string | null;
                        assignee: string | null;
                        /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                        created_at: string;
                        expires_at: string | null;
                        form: {
                            buttons: {
                                id: string;
                                label: string;
                            }[];
                            description: string;
                            fields: {
                                help?: string;
                                label: string;
                                name: string;
                                options?: {
                                    label: string;
                                    value: string;
                                }[];
                                placeholder?: string;
                                required: boolean;
                                /** @enum {string} */
                                type: "text" | "textarea" | "number" | "email" | "select" | "checkbox" | "date";
                                /** @description Shown (and required) only while that earlier field has this value */
                                visible_when?: {
                                    equals?: unknown;
                                    field: string;
                                    in?: unknown[];
                                    not_equals?: unknown;
                                };
                            }[];
                            title: string;
                        };
                        id: string;
                        node_id: string;
                        run_id: string;
                        /** @enum {string} */
                        status: "pending" | "answered" | "expired" | "cancelled";
                        /** @description One-time link for people without an account (`access: "link"`) */
                        url: string | null;
                        workflow_id: string;
                    }[];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsRunInteractionsByNodeId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                nodeId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The id of one of the form’s buttons */
                    button: string;
                    /**
                     * @description Field values by field name
                     * @default {}
                     */
                    values?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description What a waiting run asks a person */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answer: {
                            button: string;
                            values: {
                                [key: string]: unknown;
                            };
                        } | null;
                        answered_at: string | null;
                        /** @description `sub` of the answering token; null through the link */
                        answered_by: string | null;
                        assignee: string | null;
                        /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                        created_at: string;
                        expires_at: string | null;
                        form: {
                            buttons: {
                                id: string;
                                label: string;
                            }[];
                            description: string;
                            fields: {
                                help?: string;
                                label: string;
                                name: string;
                                options?: {
                                    label: string;
                                    value: string;
                                }[];
                                placeholder?: string;
                                required: boolean;
                                /** @enum {string} */
                                type: "text" | "textarea" | "number" | "email" | "select" | "checkbox" | "date";
                                /** @description Shown (and required) only while that earlier field has this value */
                                visible_when?: {
                                    equals?: unknown;
                                    field: string;
                                    in?: unknown[];
                                    not_equals?: unknown;
                                };
                            }[];
                            title: string;
                        };
                        id: string;
                        node_id: string;
                        run_id: string;
                        /** @enum {string} */
                        status: "pending" | "answered" | "expired" | "cancelled";
                        /** @description One-time link for people without an account (`access: "link"`) */
                        url: string | null;
                        workflow_id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsRunRerun: {
        parameters: {
            query?: {
                version?: "current" | "original";
            };
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        new_run: components["schemas"]["Run"];
                        original_run_id?: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsRunResumeFromByNodeId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                nodeId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        new_run: components["schemas"]["Run"];
                        original_run_id?: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsSyncByWorkflowId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workflowId: string;
            };
            cookie?: never;
        };
        /** @description Any JSON value, form or text: `payload` in the workflow’s templates */
        requestBody: {
            content: {
                "application/json": unknown;
                "application/x-www-form-urlencoded": unknown;
                "text/plain": unknown;
            };
        };
        responses: {
            /** @description The final text_transform output: application/json when it parses as JSON, else text/plain. The run id is in X-Stratoflow-Run-Id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/plain": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsTestNode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    authorization_id?: string | null;
                    /** @default {} */
                    context?: {
                        [key: string]: unknown;
                    };
                    node: components["schemas"]["NodeInput"];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        handle?: string | null;
                        output: unknown;
                        /** @enum {string} */
                        status: "success";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsTriggerableWorkflows: {
        parameters: {
            query?: {
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        description: string | null;
                        id: string;
                        input_schema?: unknown;
                        name: string;
                        trigger: string;
                    }[];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsValidate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: string[];
                        /** @description The same problems as `errors`, each with the path of the field it is about. */
                        issues: {
                            message: string;
                            param: string;
                        }[];
                        valid: boolean;
                        /** @description Template references that will not resolve when the workflow runs: a node that is not upstream, a vault item the organization does not have. The definition is still valid. */
                        warnings: {
                            message: string;
                            param: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsVault: {
        parameters: {
            query?: {
                /** @description Page number (1-based) */
                page?: number;
                /** @description Items per page: 15 unless given, at most 100 */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VaultItem"][];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsVault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description ISO-8601 date-time in the future, or null for no expiry */
                    expires_at?: string | null;
                    /** @description 3–50 characters. A name starting with 'api-key:' generates a workflow API key (wfk_...) instead of storing a secret. */
                    name: string;
                    /** @description The value (up to 2,000 characters). Required, except for api-key: names. Never returned. */
                    secret?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z */
                        created_at: string;
                        expires_at: string | null;
                        id: string;
                        name: string;
                        /** @description For api-key: names only: the generated wfk_ key. Shown in this response only; store it now. */
                        secret?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflowsVaultByVaultId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                vaultId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VaultItem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putWorkflowsVaultByVaultId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                vaultId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description ISO-8601 date-time in the future, or null for no expiry */
                    expires_at?: string | null;
                    /** @description 3–50 characters. A name starting with 'api-key:' generates a workflow API key (wfk_...) instead of storing a secret. */
                    name: string;
                    /** @description The value (up to 2,000 characters). Required, except for api-key: names. Never returned. */
                    secret?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VaultItem"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWorkflowsVaultByVaultId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                vaultId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postWorkflowsWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookToken: string;
            };
            cookie?: never;
        };
        /** @description Any JSON value (usually an object: its keys also become top-level trigger output fields), a form, or text */
        requestBody: {
            content: {
                "application/json": unknown;
                "application/x-www-form-urlencoded": unknown;
                "text/plain": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        run_id: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
