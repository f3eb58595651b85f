import type { CsvColumn } from "./csv";

// The CoE Starter Kit tables an export may hold, by logical name (what the kit's Entity.xml
// calls the columns) with the display names Dataverse's export writes as aliases. The display
// names are not verified against every kit version: unknown headers are ignored, and the
// logical names always work.

export const COE_TABLES = [
  "admin_environment",
  "admin_maker",
  "admin_connector",
  "admin_flow",
  "admin_rpa",
  "admin_connectionreference",
  "admin_connectionreferenceidentity",
] as const;
export type CoeTable = (typeof COE_TABLES)[number];

/** Without these the upload is refused: flows, what they connect to, and the connectors. */
export const REQUIRED_COE_TABLES: readonly CoeTable[] = [
  "admin_flow",
  "admin_connectionreference",
  "admin_connector",
];

const keyOf = (logical: string, ...displayNames: string[]): CsvColumn => ({
  key: logical,
  aliases: [...displayNames, ...displayNames.map((name) => `(Do Not Modify) ${name}`)],
});
const required = (column: CsvColumn): CsvColumn => ({ ...column, required: true });

export const COE_COLUMNS: Record<CoeTable, readonly CsvColumn[]> = {
  admin_environment: [
    required(keyOf("admin_environmentid", "Environment", "Environment ID")),
    keyOf("admin_environmentname", "Environment Name"),
    keyOf("admin_displayname", "Display Name"),
    keyOf("admin_environmentcdsinstanceurl", "Environment CDS Instance URL", "CDS Instance URL"),
    keyOf("admin_environmentdeleted", "Environment Deleted"),
  ],
  admin_maker: [
    required(keyOf("admin_makerid", "Maker", "Maker ID")),
    keyOf("admin_displayname", "Display Name"),
    keyOf("admin_userprincipalname", "User Principal Name", "UPN"),
    keyOf("admin_useremail", "User Email", "Email"),
    keyOf("admin_makerisorphaned", "Maker Is Orphaned"),
  ],
  admin_connector: [
    keyOf("admin_connectorid", "Connector"),
    required(keyOf("admin_name", "Name")),
    keyOf("admin_id", "ID", "Connector ID"),
    keyOf("admin_displayname", "Display Name"),
    keyOf("admin_iscustomapi", "Is Custom API", "Is Custom Api"),
    keyOf("admin_tier", "Tier"),
    keyOf("admin_customconnectorhost", "Custom Connector Host"),
    keyOf("admin_environmentcustomconnector", "Environment Custom Connector", "Environment"),
    keyOf("admin_connectordeleted", "Connector Deleted"),
  ],
  admin_flow: [
    required(keyOf("admin_flowid", "Flow", "Flow ID")),
    required(keyOf("admin_displayname", "Display Name")),
    keyOf("admin_flowenvironmentid", "Flow Environment ID", "Environment ID"),
    keyOf("admin_flowenvironment", "Flow Environment", "Environment"),
    keyOf("admin_flowcreator", "Flow Creator", "Creator"),
    keyOf("admin_flowcreatorupn", "Flow Creator UPN", "Creator UPN"),
    keyOf("admin_flowmakerdisplayname", "Flow Maker Display Name", "Maker Display Name"),
    keyOf("admin_derivedowner", "Derived Owner"),
    keyOf("admin_flowstate", "Flow State", "State"),
    keyOf("admin_flowcreatedon", "Flow Created On"),
    keyOf("admin_flowmodifiedon", "Flow Modified On"),
    keyOf("admin_flowdeleted", "Flow Deleted"),
    keyOf("admin_containsplaintextpassword", "Contains Plain Text Password", "Contains Plaintext Password"),
  ],
  admin_rpa: [
    required(keyOf("admin_name", "Name")),
    required(keyOf("admin_displayname", "Display Name")),
    keyOf("admin_rpaid", "RPA", "Desktop Flow"),
    keyOf("admin_desktopflowenvironment", "Desktop Flow Environment", "Environment"),
    keyOf("admin_rpaowner", "RPA Owner", "Owner"),
    keyOf("admin_rpastate", "RPA State", "State"),
    keyOf("admin_rpadeleted", "RPA Deleted", "Deleted"),
  ],
  admin_connectionreference: [
    keyOf("admin_connectionreferenceid", "Connection Reference"),
    keyOf("admin_displayname", "Display Name"),
    required(keyOf("admin_flow", "Flow")),
    keyOf("admin_app", "App"),
    required(keyOf("admin_connector", "Connector")),
    keyOf(
      "admin_flow_connectionreferencesource",
      "Flow Connection Reference Source",
      "Connection Reference Source",
      "Source",
    ),
  ],
  admin_connectionreferenceidentity: [
    required(keyOf("admin_name", "Name")),
    keyOf("admin_connectorshortname", "Connector Short Name"),
    keyOf("admin_connector", "Connector"),
    keyOf("admin_accountname", "Account Name"),
    required(keyOf("admin_environment", "Environment")),
    keyOf(
      "admin_connectionreferencecreatordisplayname",
      "Connection Reference Creator Display Name",
      "Creator Display Name",
    ),
    keyOf("admin_noneorcrosstenantidentity", "None Or Cross Tenant Identity", "Cross Tenant Identity"),
  ],
};

/** The table a file holds, from its name: "admin_flow.csv", "admin_flows (3).csv", "CoE - admin_rpa.csv". */
export function tableFromFileName(file: string): CoeTable | null {
  const name = file.toLowerCase().replace(/\\/g, "/").split("/").pop() ?? "";
  // Longest first: admin_connectionreferenceidentity before admin_connectionreference.
  const byLength = [...COE_TABLES].sort((a, b) => b.length - a.length);
  return byLength.find((table) => new RegExp(`${table}(e?s)?(?![a-z_])`).test(name)) ?? null;
}
