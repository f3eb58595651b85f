import { COE_COLUMNS, COE_TABLES, type CoeTable, REQUIRED_COE_TABLES, tableFromFileName } from "./coe-tables";
import { type CsvFile, isImportError, matchColumns, normaliseHeader, openCsv, valuesOf } from "./csv";
import {
  normaliseConnectorId,
  normaliseEnvironmentId,
  type ParseEvent,
  parseConnectionSource,
  type TOwnerRef,
  UnreadableFileError,
} from "./records";
import { normaliseId, parseBoolean, parseFlowState, secretMessage } from "./values";

// A CoE Starter Kit export: one CSV per table. The small tables (environments, makers,
// connectors) are read first and kept to resolve lookups; flows and connection references —
// the large ones — stream through, a row at a time. Only the flow ids (and their environment)
// are kept, to tell a connection reference to a flow that is not in the upload.

export interface UploadedFile {
  /** The name the person uploaded, used in every error. */
  file: string;
  open: () => AsyncIterable<Uint8Array | string>;
}

/** Distinctive logical-name headers, to recognise a file whose name does not say its table. */
const SIGNATURE: Record<CoeTable, string[]> = {
  admin_environment: ["admin_environmentid"],
  admin_maker: ["admin_makerid"],
  admin_connector: ["admin_connectorid", "admin_iscustomapi"],
  admin_flow: ["admin_flowid"],
  admin_rpa: ["admin_rpaid", "admin_rpauniquename"],
  admin_connectionreference: ["admin_connectionreferenceid", "admin_flow_connectionreferencesource"],
  admin_connectionreferenceidentity: ["admin_connectionreferenceidentityid", "admin_accountname"],
};

function tableFromHeaders(headers: readonly string[]): CoeTable | null {
  const names = new Set(headers.map(normaliseHeader));
  return (
    COE_TABLES.find((table) => SIGNATURE[table].some((column) => names.has(normaliseHeader(column)))) ?? null
  );
}

interface Opened {
  file: string;
  table: CoeTable;
  csv: CsvFile;
  index: Map<string, number>;
}

interface ConnectorInfo {
  connectorId: string;
  displayName: string | null;
  custom: boolean | null;
}

export async function* parseCoeExport(files: readonly UploadedFile[]): AsyncGenerator<ParseEvent> {
  const opened: Opened[] = [];
  for (const upload of files) {
    try {
      const csv = await openCsv(upload.open(), upload.file);
      const table = tableFromFileName(upload.file) ?? tableFromHeaders(csv.headers);
      if (!table)
        throw new UnreadableFileError(
          upload.file,
          `${upload.file}: cannot tell which CoE table this is. Name the file after its table (admin_flow.csv, admin_connectionreference.csv, …) or export it with the logical column names.`,
        );
      const { index, missing } = matchColumns(csv.headers, COE_COLUMNS[table]);
      if (
        table === "admin_flow" &&
        !index.has("admin_flowenvironmentid") &&
        !index.has("admin_flowenvironment")
      )
        missing.push("admin_flowenvironmentid (or admin_flowenvironment)");
      if (missing.length > 0)
        throw new UnreadableFileError(
          upload.file,
          `${upload.file} (${table}) lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`,
        );
      if (opened.some((other) => other.table === table))
        throw new UnreadableFileError(
          upload.file,
          `${upload.file}: a second ${table} file; upload one per table.`,
        );
      opened.push({ file: upload.file, table, csv, index });
    } catch (error) {
      yield unreadable(upload.file, error);
      return;
    }
  }
  const absent = REQUIRED_COE_TABLES.filter((table) => !opened.some((file) => file.table === table));
  if (absent.length > 0) {
    yield {
      type: "unreadable",
      error: {
        file: "(upload)",
        row: null,
        column: null,
        message: `A CoE export needs the tables ${REQUIRED_COE_TABLES.join(", ")}; missing: ${absent.join(", ")}.`,
      },
    };
    return;
  }

  const state = {
    environments: new Map<string, string>(),
    makers: new Map<string, TOwnerRef>(),
    connectors: new Map<string, ConnectorInfo>(),
    flows: new Map<string, string>(),
  };
  const order = [...opened].sort((a, b) => COE_TABLES.indexOf(a.table) - COE_TABLES.indexOf(b.table));
  for (const file of order) {
    try {
      for await (const item of file.csv.rows) {
        if (isImportError(item)) {
          yield { type: "error", error: item };
          continue;
        }
        const values = valuesOf(item.cells, file.index);
        const at = (column: string | null, message: string): ParseEvent => ({
          type: "error",
          error: { file: file.file, row: item.row, column, message },
        });
        yield* READERS[file.table](values, state, at);
      }
    } catch (error) {
      yield unreadable(file.file, error);
      return;
    }
  }
}

function unreadable(file: string, error: unknown): ParseEvent {
  if (error instanceof UnreadableFileError)
    return {
      type: "unreadable",
      error: { file: error.file, row: null, column: null, message: error.message },
    };
  // Nothing escapes a parser: an unexpected failure is this file's error too.
  const message = error instanceof Error ? error.message : String(error);
  return {
    type: "unreadable",
    error: { file, row: null, column: null, message: `${file} cannot be read: ${message}` },
  };
}

type State = {
  environments: Map<string, string>;
  makers: Map<string, TOwnerRef>;
  connectors: Map<string, ConnectorInfo>;
  flows: Map<string, string>;
};
type At = (column: string | null, message: string) => ParseEvent;
type Reader = (values: Record<string, string>, state: State, at: At) => Iterable<ParseEvent>;

function environmentOf(value: string | undefined, state: State): string | null {
  if (!value) return null;
  return state.environments.get(normaliseId(value)) ?? normaliseEnvironmentId(value);
}

function ownerOf(
  makerId: string | undefined,
  upn: string | undefined,
  displayName: string | undefined,
  state: State,
): TOwnerRef | null {
  const maker = makerId ? state.makers.get(normaliseId(makerId)) : undefined;
  if (maker) return maker;
  if (!makerId && !upn) return null;
  const id = makerId ? normaliseId(makerId) : null;
  return {
    objectId: id && /^[0-9a-f-]{36}$/.test(id) ? id : null,
    upn: upn ?? null,
    email: upn?.includes("@") ? upn : null,
    displayName: displayName ?? null,
  };
}

/** A connector lookup as exports write it: the row's GUID, its name, its id path or its display name. */
function connectorOf(value: string, state: State): ConnectorInfo | null {
  const found = state.connectors.get(normaliseId(value)) ?? state.connectors.get(value.trim().toLowerCase());
  if (found) return found;
  if (/^(\/providers\/.+\/apis\/)?shared_[a-z0-9_-]+$/i.test(value.trim()))
    return { connectorId: normaliseConnectorId(value), displayName: null, custom: null };
  return null;
}

const READERS: Record<CoeTable, Reader> = {
  *admin_environment(values, state) {
    const name = values.admin_environmentname ?? values.admin_environmentid!;
    const id = normaliseEnvironmentId(name);
    state.environments.set(normaliseId(values.admin_environmentid!), id);
    yield {
      type: "record",
      record: {
        kind: "environment",
        id,
        name,
        displayName: values.admin_displayname ?? null,
        instanceUrl: values.admin_environmentcdsinstanceurl ?? null,
      },
    };
  },
  *admin_maker(values, state) {
    const objectId = normaliseId(values.admin_makerid!);
    const owner: TOwnerRef = {
      objectId,
      upn: values.admin_userprincipalname ?? null,
      email: values.admin_useremail ?? null,
      displayName: values.admin_displayname ?? null,
    };
    state.makers.set(objectId, owner);
    yield { type: "record", record: { kind: "owner", ...owner } };
  },
  *admin_connector(values, state) {
    const connectorId = normaliseConnectorId(values.admin_name ?? values.admin_id!);
    const custom =
      parseBoolean(values.admin_iscustomapi) ?? (values.admin_tier?.toLowerCase() === "custom" ? true : null);
    const info: ConnectorInfo = { connectorId, displayName: values.admin_displayname ?? null, custom };
    for (const key of [
      values.admin_connectorid,
      values.admin_name,
      values.admin_id,
      values.admin_displayname,
    ]) {
      if (key) state.connectors.set(normaliseId(key), info);
    }
    if (custom) {
      const environment = values.admin_environmentcustomconnector;
      yield {
        type: "record",
        record: {
          kind: "customConnector",
          environmentId: environment ? environmentOf(environment, state) : null,
          connectorId,
          displayName: info.displayName,
          host: values.admin_customconnectorhost ?? null,
          security: null,
          identityProvider: null,
        },
      };
    }
  },
  *admin_flow(values, state, at) {
    const flowId = normaliseId(values.admin_flowid!);
    const environmentId = environmentOf(
      values.admin_flowenvironmentid ?? values.admin_flowenvironment,
      state,
    );
    if (!environmentId) {
      yield at("admin_flowenvironmentid", "The flow's environment is empty.");
      return;
    }
    if (state.flows.has(flowId)) {
      yield at("admin_flowid", `Flow ${flowId} appears twice; the first row is kept.`);
      return;
    }
    const secret = secretMessage("admin_displayname", values.admin_displayname);
    if (secret) {
      yield at("admin_displayname", secret);
      return;
    }
    state.flows.set(flowId, environmentId);
    yield {
      type: "record",
      record: {
        kind: "flow",
        environmentId,
        flowId,
        displayName: values.admin_displayname!,
        state: parseFlowState(values.admin_flowstate),
        owner: ownerOf(
          values.admin_flowcreator ?? values.admin_derivedowner,
          values.admin_flowcreatorupn,
          values.admin_flowmakerdisplayname,
          state,
        ),
        createdAt: values.admin_flowcreatedon ?? null,
        modifiedAt: values.admin_flowmodifiedon ?? null,
        containsPlainTextPassword: parseBoolean(values.admin_containsplaintextpassword),
        deleted: parseBoolean(values.admin_flowdeleted) ?? false,
        connectionReferences: null,
      },
    };
  },
  *admin_rpa(values, state, at) {
    const environmentId = environmentOf(values.admin_desktopflowenvironment, state);
    if (!environmentId) {
      yield at("admin_desktopflowenvironment", "The desktop flow's environment is empty.");
      return;
    }
    yield {
      type: "record",
      record: {
        kind: "desktopFlow",
        environmentId,
        desktopFlowId: normaliseId(values.admin_name!),
        displayName: values.admin_displayname!,
        owner: ownerOf(values.admin_rpaowner, undefined, undefined, state),
        state: values.admin_rpastate ?? null,
      },
    };
  },
  *admin_connectionreference(values, state, at) {
    if (!values.admin_flow) return; // an app's connection reference: apps are not inventoried
    const flowId = normaliseId(values.admin_flow);
    const environmentId = state.flows.get(flowId);
    if (!environmentId) {
      yield at("admin_flow", `Flow ${flowId} is not in the upload's admin_flow file.`);
      return;
    }
    const connector = connectorOf(values.admin_connector!, state);
    if (!connector) {
      yield at(
        "admin_connector",
        `Connector ${values.admin_connector} is not in the upload's admin_connector file.`,
      );
      return;
    }
    yield {
      type: "record",
      record: {
        kind: "connectionReference",
        environmentId,
        flowId,
        connectorId: connector.connectorId,
        connectorDisplayName: connector.displayName,
        connectionName: null,
        source: parseConnectionSource(values.admin_flow_connectionreferencesource),
        custom: connector.custom,
      },
    };
  },
  *admin_connectionreferenceidentity(values, state, at) {
    const environmentId = environmentOf(values.admin_environment, state);
    if (!environmentId) {
      yield at("admin_environment", "The environment is empty.");
      return;
    }
    const connector = values.admin_connector ? connectorOf(values.admin_connector, state) : null;
    yield {
      type: "record",
      record: {
        kind: "connectionIdentity",
        environmentId,
        connectorId:
          connector?.connectorId ??
          normaliseConnectorId(values.admin_connectorshortname ?? values.admin_name!),
        accountName: values.admin_accountname ?? null,
        creatorUpn: values.admin_connectionreferencecreatordisplayname ?? null,
        crossTenant: parseBoolean(values.admin_noneorcrosstenantidentity),
      },
    };
  },
};
