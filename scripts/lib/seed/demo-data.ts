// Demo dataset: the U.S.–Mexico "four pillar" security cooperation strategy as
// public assessments described it between 2009 and 2018.
//
// Pure data. Every figure comes from shared/sources/facts.md and is cited to
// one of the five documents in `demoSources`; where a document gives no figure
// the value is left empty (null). Dates of intermediate status updates are
// illustrative: where a document only says that something had happened by its
// publication date, the update is dated on that publication date and, for
// completions, `completedOn` is the end of the year (or the 1st of the month)
// in which the document says it happened. Status updates dated 2025–2026 are
// present-day follow-ups for the demo and state no facts about the period.
//
// Enumeration values are typed with the schema's generated enumerations.

import type { StatusNamingACause } from "../../../domain/milestone-status";
import type {
  Advances,
  BetterDirection,
  Country,
  DelayCause,
  EvidenceKind,
  EvidenceShows,
  LeadParty,
  MilestoneStatus,
  Reliability,
  Results,
  RoundStatus,
} from "../../../server/db/generated/enums";

/** ISO 8601 calendar date, YYYY-MM-DD. */
type IsoDate = string;

type PillarNumber = 1 | 2 | 3 | 4 | 5;
/** Which demo user owns a milestone. */
export type DemoOwner = "staff" | "admin" | null;

export type SourceKey = "RAND-MG" | "RAND-RB" | "RAND-PR" | "WWC" | "MR";

export interface DemoSource {
  title: string;
  author: string;
  publisher: string;
  /** YYYY-MM-DD; the 1st of the month/year when only month/year is known. */
  publishedOn: IsoDate;
  url: string | null;
}

export interface DemoAgency {
  code: string;
  name: string;
  country: Country;
}

export interface DemoPillar {
  number: PillarNumber;
  code: string;
  name: string;
  nameEs: string;
  description: string;
  descriptionEs: string;
}

/**
 * One entry of a milestone's status history. `cause` is present exactly when
 * the status names one (at_risk, delayed); `completedOn` exactly when it is completed.
 */
type DemoStatusUpdate =
  | {
      on: IsoDate;
      status: StatusNamingACause;
      note: string;
      cause: DelayCause;
      completedOn?: never;
    }
  | {
      on: IsoDate;
      status: typeof MilestoneStatus.completed;
      note: string;
      completedOn: IsoDate;
      cause?: never;
    }
  | {
      on: IsoDate;
      status: Exclude<MilestoneStatus, StatusNamingACause | typeof MilestoneStatus.completed>;
      note: string;
      cause?: never;
      completedOn?: never;
    };

interface DemoMilestone {
  key: string;
  title: string;
  titleEs: string;
  description: string;
  descriptionEs: string;
  dueDate: IsoDate;
  owner: DemoOwner;
  /** Chronological; empty when the milestone was never updated. */
  history: DemoStatusUpdate[];
}

interface DemoEvidence {
  key: string;
  /** A milestone of the same commitment. */
  milestoneKey?: string;
  title: string;
  kind: EvidenceKind;
  source: SourceKey;
  publisher: string;
  url: string | null;
  publishedOn: IsoDate;
  summary: string;
  shows: EvidenceShows;
  reliability: Reliability;
}

export interface DemoCommitment {
  key: string;
  pillarNumber: PillarNumber;
  title: string;
  titleEs: string;
  description: string;
  descriptionEs: string;
  leadParty: LeadParty;
  agencyCodes: string[];
  startDate: IsoDate;
  targetDate: IsoDate | null;
  source: SourceKey;
  sourceCitation: string;
  milestones: DemoMilestone[];
  evidence: DemoEvidence[];
}

interface DemoObservation {
  value: number;
  on: IsoDate;
  evidenceKey: string | null;
  note: string | null;
}

export interface DemoIndicator {
  key: string;
  pillarNumber: PillarNumber;
  commitmentKey: string | null;
  name: string;
  nameEs: string;
  unit: string;
  unitEs: string;
  better: BetterDirection;
  baseline: { value: number; on: IsoDate } | null;
  target: { value: number; on: IsoDate } | null;
  observations: DemoObservation[];
}

interface DemoAssessment {
  pillarNumber: PillarNumber;
  advances: Advances;
  results: Results;
  narrative: string;
  citedEvidenceKeys: string[];
  publishedOn: IsoDate;
}

export interface DemoRound {
  key: string;
  title: string;
  titleEs: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status: RoundStatus;
  assessments: DemoAssessment[];
}

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

export const demoSources: Record<SourceKey, DemoSource> = {
  "RAND-MG": {
    title: "Security in Mexico: Implications for U.S. Policy Options",
    author: "Agnes Gereben Schaefer, Benjamin Bahney, K. Jack Riley",
    publisher: "RAND Corporation",
    publishedOn: "2009-01-01",
    url: null,
  },
  "RAND-RB": {
    title: "Security in Mexico: Implications for U.S. Policy Options (research brief)",
    author: "RAND Corporation",
    publisher: "RAND Corporation",
    publishedOn: "2009-01-01",
    url: null,
  },
  "RAND-PR": {
    title: "U.S.-Mexico Strategic Partnership Needed to Help Mexico Improve Its Security Institutions",
    author: "RAND Corporation",
    publisher: "RAND Corporation",
    publishedOn: "2009-04-28",
    url: null,
  },
  WWC: {
    title:
      "Steady Advances, Slow Results: U.S.-Mexico Security Cooperation After Two Years of the Obama Administration",
    author: "Andrew Selee and Eric L. Olson",
    publisher: "Woodrow Wilson Center, Mexico Institute",
    publishedOn: "2011-04-01",
    url: null,
  },
  MR: {
    title: "Mexico's Fight Against Transnational Organized Crime",
    author: "R. Evan Ellis",
    publisher: "Military Review",
    publishedOn: "2018-05-24",
    url: null,
  },
};

const CITE_WWC =
  "Selee & Olson, Steady Advances, Slow Results, Woodrow Wilson Center, April 2011";
const CITE_MR =
  "Ellis, Mexico's Fight Against Transnational Organized Crime, Military Review, 24 May 2018";
const CITE_RAND_MG =
  "Schaefer, Bahney & Riley, Security in Mexico: Implications for U.S. Policy Options, RAND Corporation, 2009";

const PUB_RAND = "RAND Corporation";
const PUB_WWC = "Woodrow Wilson Center, Mexico Institute";
const PUB_MR = "Military Review";
const ON_RAND = "2009-01-01";
const ON_RAND_PR = "2009-04-28";
const ON_WWC = "2011-04-01";
const ON_MR = "2018-05-24";
/** Binational cabinet-level review meeting hosted by the U.S. Secretary of State. */
const ON_CABINET_2011 = "2011-04-29";

// ---------------------------------------------------------------------------
// Agencies
// ---------------------------------------------------------------------------

export const demoAgencies: DemoAgency[] = [
  {
    code: "US-INL",
    name: "U.S. Department of State, Bureau of International Narcotics and Law Enforcement Affairs (INL)",
    country: "us",
  },
  {
    code: "US-ATF",
    name: "U.S. Department of Justice, Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)",
    country: "us",
  },
  {
    code: "US-CBP",
    name: "U.S. Department of Homeland Security, U.S. Customs and Border Protection (CBP)",
    country: "us",
  },
  {
    code: "US-OFAC",
    name: "U.S. Department of the Treasury, Office of Foreign Assets Control (OFAC)",
    country: "us",
  },
  {
    code: "US-ONDCP",
    name: "Executive Office of the President, Office of National Drug Control Policy (ONDCP)",
    country: "us",
  },
  {
    code: "US-USAID",
    name: "U.S. Agency for International Development (USAID)",
    country: "us",
  },
  {
    code: "MX-SSP",
    name: "Secretaría de Seguridad Pública (SSP) / Policía Federal",
    country: "mx",
  },
  {
    code: "MX-PGR",
    name: "Procuraduría General de la República (PGR)",
    country: "mx",
  },
  {
    code: "MX-SEGOB",
    name: "Secretaría de Gobernación (SEGOB)",
    country: "mx",
  },
  {
    code: "MX-UIF",
    name: "Unidad de Inteligencia Financiera (UIF), Secretaría de Hacienda y Crédito Público",
    country: "mx",
  },
  {
    code: "MX-SEMAR",
    name: "Secretaría de Marina (SEMAR)",
    country: "mx",
  },
  {
    code: "MX-SEDENA",
    name: "Secretaría de la Defensa Nacional (SEDENA)",
    country: "mx",
  },
  {
    code: "MX-SAT",
    name: "Servicio de Administración Tributaria (SAT), customs administration",
    country: "mx",
  },
];

// ---------------------------------------------------------------------------
// Pillars
// ---------------------------------------------------------------------------

export const demoPillars: DemoPillar[] = [
  {
    number: 1,
    code: "P1",
    name: "Disrupt and dismantle organized crime groups",
    nameEs: "Afectar la capacidad operativa del crimen organizado",
    description:
      "Weaken criminal organisations through intelligence sharing, capture of leaders, and action against their finances and weapons supply.",
    descriptionEs:
      "Debilitar a las organizaciones criminales mediante el intercambio de información de inteligencia, la captura de sus líderes y acciones contra sus finanzas y su abastecimiento de armas.",
  },
  {
    number: 2,
    code: "P2",
    name: "Strengthen institutions for the rule of law",
    nameEs: "Institucionalizar la capacidad para mantener el Estado de derecho",
    description:
      "Professionalise police, move to oral adversarial trials, bring military abuses before civilian courts and expand prison capacity.",
    descriptionEs:
      "Profesionalizar a las policías, transitar a los juicios orales de corte acusatorio, llevar ante tribunales civiles los abusos cometidos por militares y ampliar la capacidad penitenciaria.",
  },
  {
    number: 3,
    code: "P3",
    name: "Create a 21st Century Border",
    nameEs: "Crear la estructura fronteriza del siglo XXI",
    description:
      "Speed legitimate trade and travel while screening risk: pre-clearance, non-intrusive inspection, new crossings and port security.",
    descriptionEs:
      "Agilizar el comercio y los viajes legítimos sin dejar de evaluar los riesgos: preinspección, inspección no intrusiva, nuevos cruces fronterizos y seguridad portuaria.",
  },
  {
    number: 4,
    code: "P4",
    name: "Build resilient communities",
    nameEs: "Construir comunidades fuertes y resilientes",
    description:
      "Social and economic programmes in areas of conflict, starting with Ciudad Juárez, with U.S. support for youth violence prevention.",
    descriptionEs:
      "Programas sociales y económicos en zonas de conflicto, comenzando por Ciudad Juárez, con apoyo de Estados Unidos para la prevención de la violencia juvenil.",
  },
  {
    number: 5,
    code: "DR",
    name: "Reduce demand for illegal narcotics",
    nameEs: "Reducir la demanda de drogas ilícitas",
    description:
      "The implicit fifth pillar: the United States' commitment under shared responsibility to reduce drug consumption through treatment and prevention.",
    descriptionEs:
      "El quinto pilar implícito: el compromiso de Estados Unidos, conforme al principio de responsabilidad compartida, de reducir el consumo de drogas mediante el tratamiento y la prevención.",
  },
];

// ---------------------------------------------------------------------------
// Commitments, milestones and evidence
// ---------------------------------------------------------------------------

export const demoCommitments: DemoCommitment[] = [
  // ----------------------------------------------------------------- Pillar 1
  {
    key: "p1-intelligence-sharing",
    pillarNumber: 1,
    title: "Binational intelligence sharing against criminal organisations",
    titleEs: "Intercambio binacional de información de inteligencia contra las organizaciones criminales",
    description:
      "Share intelligence in real time through binational fusion groups, including information from aircraft and vessels and unarmed drones used to locate fugitives.",
    descriptionEs:
      "Intercambiar información de inteligencia en tiempo real a través de grupos binacionales de fusión, incluida la obtenida por aeronaves y embarcaciones y por drones no armados utilizados para localizar a prófugos.",
    leadParty: "joint",
    agencyCodes: ["US-INL", "US-CBP", "MX-SSP", "MX-PGR", "MX-SEMAR"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p1-intel-fusion-groups",
        title: "Stand up binational intelligence fusion groups",
        titleEs: "Establecer grupos binacionales de fusión de inteligencia",
        description: "Joint cells in which both governments' agencies pool and analyse intelligence on criminal groups.",
        descriptionEs:
          "Células conjuntas en las que las dependencias de ambos gobiernos reúnen y analizan información de inteligencia sobre los grupos criminales.",
        dueDate: "2010-12-31",
        owner: "admin",
        history: [
          { on: "2010-03-01", status: "in_progress", note: "Fusion groups being organised under the new strategy." },
          {
            on: ON_CABINET_2011,
            status: "completed",
            completedOn: ON_WWC,
            note: "Wilson Center review describes binational fusion groups in operation.",
          },
        ],
      },
      {
        key: "p1-intel-real-time",
        title: "Real-time sharing from aircraft and vessels; drones to locate fugitives",
        titleEs: "Intercambio en tiempo real desde aeronaves y embarcaciones; drones para localizar a prófugos",
        description: "Pass intelligence gathered on planes and boats in real time and use unarmed drones to help locate fugitives.",
        descriptionEs:
          "Transmitir en tiempo real la información de inteligencia recabada en aviones y embarcaciones y utilizar drones no armados para ayudar a localizar a prófugos.",
        dueDate: "2011-06-30",
        owner: null,
        history: [
          {
            on: ON_CABINET_2011,
            status: "completed",
            completedOn: ON_WWC,
            note: "Real-time sharing on planes and boats and unarmed drone flights reported in use.",
          },
        ],
      },
      {
        key: "p1-intel-publish-arrest-data",
        title: "Publish binational arrest and prosecution data",
        titleEs: "Publicar datos binacionales de detenciones y procesos penales",
        description:
          "Publish data on arrests and on the prosecutions that follow, so that the effect on the groups' structure can be judged.",
        descriptionEs:
          "Publicar datos sobre las detenciones y sobre los procesos penales que de ellas se derivan, a fin de poder valorar su efecto en la estructura de los grupos criminales.",
        dueDate: "2027-03-31",
        owner: "staff",
        history: [
          {
            on: "2026-05-14",
            status: "in_progress",
            note: "Data request drafted; the 2011 review called for better public data on arrests and prosecutions.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p1-intel-wwc-fusion",
        milestoneKey: "p1-intel-fusion-groups",
        title: "Intelligence sharing described as an important evolution",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Selee and Olson report binational fusion groups, unarmed drones used to locate fugitives and real-time sharing of information gathered on planes and boats.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-intel-wwc-data-gap",
        milestoneKey: "p1-intel-publish-arrest-data",
        title: "Effect on criminal structures unclear without arrest and prosecution data",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "The review finds it unclear whether cooperation has changed the structure of the criminal groups and says better public data on arrests and prosecutions are needed.",
        shows: "neutral",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-intel-wwc-killings-2010",
        title: "Organized-crime-related killings exceeded 15,000 in 2010",
        kind: "dataset",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "The Wilson Center paper counts more than 15,000 organized-crime-related killings in Mexico in 2010, despite closer cooperation.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p1-leadership-targeting",
    pillarNumber: 1,
    title: "Capture the leaders of criminal organisations",
    titleEs: "Capturar a los líderes de las organizaciones criminales",
    description:
      "Use shared intelligence to arrest the most wanted organized-crime leaders on both sides of the border, supported by new military police brigades.",
    descriptionEs:
      "Aprovechar la información de inteligencia compartida para detener a los líderes más buscados del crimen organizado a ambos lados de la frontera, con el apoyo de nuevas brigadas de policía militar.",
    leadParty: "joint",
    agencyCodes: ["MX-SEMAR", "MX-SEDENA", "MX-PGR", "MX-SSP", "US-INL"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p1-lead-most-wanted",
        title: "Arrest the leaders on Mexico's most-wanted list",
        titleEs: "Detener a los líderes de la lista de los más buscados de México",
        description: "Bring the leaders on the list of the 38 most wanted to justice, and act against allied gangs in the United States.",
        descriptionEs:
          "Llevar ante la justicia a los líderes de la lista de los 38 más buscados y actuar contra las pandillas aliadas en Estados Unidos.",
        dueDate: "2012-12-31",
        owner: "admin",
        history: [
          {
            on: ON_CABINET_2011,
            status: "in_progress",
            note: "20 of the 38 most wanted leaders arrested; U.S. action taken against the Barrio Azteca gang in El Paso.",
          },
          {
            on: ON_MR,
            status: "at_risk",
            cause: "security",
            note: "Leaders of many groups taken down, but the groups have fragmented from 8 major cartels to more than 300.",
          },
        ],
      },
      {
        key: "p1-lead-military-police",
        title: "Form military police brigades",
        titleEs: "Conformar brigadas de policía militar",
        description: "Create new military police brigades to support operations against criminal groups.",
        descriptionEs: "Crear nuevas brigadas de policía militar para apoyar las operaciones contra los grupos criminales.",
        dueDate: "2018-12-31",
        owner: "admin",
        history: [
          { on: ON_MR, status: "in_progress", note: "Ellis reports new military police brigades among the institutional advances." },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p1-lead-wwc-arrests",
        milestoneKey: "p1-lead-most-wanted",
        title: "20 of the 38 most wanted leaders arrested",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Intelligence sharing contributed to the arrest of 20 of the 38 most wanted organized-crime leaders in Mexico and to U.S. action against the Barrio Azteca gang in El Paso.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-lead-mr-leaders",
        milestoneKey: "p1-lead-military-police",
        title: "Leaders of many groups taken down; new military police brigades",
        kind: "official_document",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary:
          "Ellis credits Mexico with taking down the leaders of many criminal groups and with forming new military police brigades.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-lead-mr-violence",
        milestoneKey: "p1-lead-most-wanted",
        title: "Record homicide rate and fragmentation of criminal groups",
        kind: "dataset",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary:
          "The homicide rate reached a record 22.5 per 100,000 in 2017, 27.5% above 2016, and criminal groups grew from 8 major cartels in the Calderón term to more than 300 by the end of the Peña Nieto term.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p1-arms-trafficking",
    pillarNumber: 1,
    title: "Stop the southbound trafficking of firearms",
    titleEs: "Frenar el tráfico de armas de fuego de norte a sur",
    description:
      "Trace weapons seized in Mexico, tighten U.S. controls on gun purchases and investigate trafficking networks jointly.",
    descriptionEs:
      "Rastrear las armas aseguradas en México, endurecer los controles de Estados Unidos sobre la compra de armas e investigar de manera conjunta las redes de tráfico.",
    leadParty: "us",
    agencyCodes: ["US-ATF", "US-CBP", "US-INL", "MX-PGR"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p1-arms-tracing",
        title: "Trace weapons seized in Mexico",
        titleEs: "Rastrear las armas aseguradas en México",
        description: "Run seized weapons through a binational tracing process to identify their U.S. origin and the networks behind them.",
        descriptionEs:
          "Someter las armas aseguradas a un proceso binacional de rastreo para identificar su origen en Estados Unidos y las redes que están detrás de ellas.",
        dueDate: "2010-12-31",
        owner: "admin",
        history: [
          { on: "2010-03-01", status: "in_progress", note: "Tracing of seized weapons under way." },
          {
            on: ON_CABINET_2011,
            status: "at_risk",
            cause: "coordination",
            note: "Tracing has improved but remains cumbersome and largely ineffective.",
          },
        ],
      },
      {
        key: "p1-arms-long-gun-rule",
        title: "Require reporting of multiple long-gun purchases",
        titleEs: "Exigir el reporte de compras múltiples de armas largas",
        description: "Require dealers to report sales of several long guns to one buyer within a month, as already required for handguns.",
        descriptionEs:
          "Exigir a los comerciantes de armas que reporten la venta de varias armas largas a un mismo comprador en el plazo de un mes, como ya se exige para las armas cortas.",
        dueDate: "2011-06-30",
        owner: "staff",
        history: [
          { on: "2010-12-15", status: "in_progress", note: "Reporting rule proposed." },
          {
            on: ON_CABINET_2011,
            status: "delayed",
            cause: "legislation",
            note: "Proposed rule not implemented; no reform of the gun laws either.",
          },
        ],
      },
      {
        key: "p1-arms-joint-investigations",
        title: "Sustain joint arms-trafficking investigations",
        titleEs: "Mantener las investigaciones conjuntas sobre tráfico de armas",
        description: "Keep investigations of trafficking networks coordinated with Mexican counterparts.",
        descriptionEs: "Mantener coordinadas con las contrapartes mexicanas las investigaciones sobre las redes de tráfico.",
        dueDate: "2011-12-31",
        owner: null,
        history: [
          { on: "2010-06-01", status: "in_progress", note: "Joint investigations of trafficking networks under way." },
          {
            on: ON_CABINET_2011,
            status: "at_risk",
            cause: "counterpart_agency",
            note: "The ATF \"Fast and Furious\" operation has complicated cooperation with Mexico.",
          },
        ],
      },
      {
        key: "p1-arms-publish-tracing",
        title: "Publish seized-weapon tracing results",
        titleEs: "Publicar los resultados del rastreo de armas aseguradas",
        description: "Publish aggregate results of tracing of weapons seized in Mexico.",
        descriptionEs: "Publicar los resultados agregados del rastreo de las armas aseguradas en México.",
        dueDate: "2026-12-15",
        owner: "staff",
        history: [
          { on: "2026-09-30", status: "in_progress", note: "Compiling tracing results for publication." },
          {
            on: "2026-11-10",
            status: "at_risk",
            cause: "counterpart_agency",
            note: "Awaiting counterpart agency clearance to release the results.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p1-arms-rand-origin",
        title: "Most guns used in drug violence enter illegally from the U.S.",
        kind: "dataset",
        source: "RAND-MG",
        publisher: PUB_RAND,
        url: null,
        publishedOn: ON_RAND,
        summary:
          "Citing ATF data, RAND reports that 90–95% of the guns used in drug-related violent crime in Mexico enter the country illegally from the United States.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-arms-wwc-tracing",
        milestoneKey: "p1-arms-long-gun-rule",
        title: "Tracing cumbersome; long-gun reporting rule never implemented",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Tracing of seized weapons has improved but is cumbersome and largely ineffective; there has been no law reform, and a proposed rule to report multiple long-gun purchases within a month was never implemented.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-arms-wwc-fast-furious",
        milestoneKey: "p1-arms-joint-investigations",
        title: "\"Fast and Furious\" complicated cooperation",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary: "The review notes that the ATF operation known as \"Fast and Furious\" made arms-trafficking cooperation with Mexico harder.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p1-money-laundering",
    pillarNumber: 1,
    title: "Attack the finances of criminal organisations",
    titleEs: "Atacar las finanzas de las organizaciones criminales",
    description:
      "Curb the southbound flow of illicit cash through Mexican asset forfeiture and cash controls, U.S. sanctions designations and coordinated financial intelligence.",
    descriptionEs:
      "Frenar el flujo de efectivo ilícito de norte a sur mediante la extinción de dominio y los controles al efectivo en México, las designaciones de sanciones de Estados Unidos y una inteligencia financiera coordinada.",
    leadParty: "joint",
    agencyCodes: ["US-OFAC", "US-INL", "MX-UIF", "MX-PGR"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p1-ml-mx-laws",
        title: "Enact asset forfeiture laws and limit dollar transactions",
        titleEs: "Aprobar leyes de extinción de dominio y limitar las operaciones en dólares",
        description: "Mexican legislation on asset forfeiture and limits on transactions in U.S. dollars.",
        descriptionEs:
          "Legislación mexicana en materia de extinción de dominio y límites a las operaciones en dólares estadounidenses.",
        dueDate: "2010-12-31",
        owner: "admin",
        history: [
          { on: "2010-06-15", status: "in_progress", note: "Measures to limit dollar transactions announced." },
          {
            on: ON_CABINET_2011,
            status: "completed",
            completedOn: ON_WWC,
            note: "Asset forfeiture laws passed and dollar transactions limited.",
          },
        ],
      },
      {
        key: "p1-ml-strategy",
        title: "Agree a consistent binational strategy against illicit finance",
        titleEs: "Acordar una estrategia binacional coherente contra las finanzas ilícitas",
        description: "A joint strategy linking sanctions, bank enforcement and financial intelligence to prosecutions.",
        descriptionEs:
          "Una estrategia conjunta que vincule las sanciones, la supervisión y sanción de los bancos y la inteligencia financiera con los procesos penales.",
        dueDate: "2011-12-31",
        owner: "staff",
        history: [
          {
            on: ON_CABINET_2011,
            status: "delayed",
            cause: "coordination",
            note: "OFAC listings and a fine on Wachovia, but no consistent strategy yet.",
          },
          {
            on: ON_MR,
            status: "at_risk",
            cause: "capacity",
            note: "Financial Intelligence Unit under-resourced and poorly coordinated with the PGR.",
          },
        ],
      },
      {
        key: "p1-ml-uif-pgr-protocol",
        title: "Agree a UIF–PGR case referral protocol",
        titleEs: "Acordar un protocolo de remisión de casos entre la UIF y la PGR",
        description: "Set out how financial intelligence cases pass from the UIF to prosecutors, following the 2018 finding of poor coordination.",
        descriptionEs:
          "Establecer cómo pasan los casos de inteligencia financiera de la UIF al Ministerio Público, a raíz de la deficiente coordinación constatada en 2018.",
        dueDate: "2027-06-30",
        owner: "admin",
        history: [
          { on: "2026-03-16", status: "in_progress", note: "Scoping a joint working group with both agencies." },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p1-ml-wwc-flows",
        milestoneKey: "p1-ml-mx-laws",
        title: "$19–29 billion a year flows south; Mexico tightens cash rules",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Citing a State Department estimate of $19–29 billion a year in illicit proceeds flowing south, the review notes that Mexico passed asset forfeiture laws and limited dollar transactions.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-ml-wwc-no-strategy",
        milestoneKey: "p1-ml-strategy",
        title: "Sanctions and bank fines, but no consistent strategy",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "The U.S. has added OFAC listings and Wachovia was fined, yet the authors see no consistent strategy against the groups' finances.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-ml-mr-uif",
        milestoneKey: "p1-ml-strategy",
        title: "Financial Intelligence Unit under-resourced",
        kind: "official_document",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary:
          "Ellis finds Mexico's Financial Intelligence Unit under-resourced and poorly coordinated with the Attorney General's office (PGR).",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p1-strategic-partnership",
    pillarNumber: 1,
    title: "Tie U.S. assistance to a cohesive security strategy and measure its effect",
    titleEs: "Vincular la asistencia de Estados Unidos a una estrategia de seguridad coherente y medir su efecto",
    description:
      "RAND's recommended strategic partnership: a cohesive security strategy, aid aimed less at equipment and more at transparency, and metrics to evaluate the effectiveness of U.S. aid.",
    descriptionEs:
      "La asociación estratégica recomendada por RAND: una estrategia de seguridad coherente, una ayuda menos orientada al equipamiento y más a la transparencia, y métricas para evaluar la eficacia de la ayuda estadounidense.",
    leadParty: "us",
    agencyCodes: ["US-INL", "US-USAID"],
    startDate: "2009-01-01",
    targetDate: null,
    source: "RAND-MG",
    sourceCitation: CITE_RAND_MG,
    milestones: [
      {
        key: "p1-aid-rebalance",
        title: "Shift aid from equipment toward transparency",
        titleEs: "Reorientar la ayuda del equipamiento hacia la transparencia",
        description: "Direct a larger share of Mérida Initiative assistance to transparency and institution building rather than equipment.",
        descriptionEs:
          "Destinar una mayor proporción de la asistencia de la Iniciativa Mérida a la transparencia y al fortalecimiento institucional, en lugar del equipamiento.",
        dueDate: "2011-12-31",
        owner: "admin",
        history: [
          {
            on: ON_RAND_PR,
            status: "in_progress",
            note: "About $400 million in Mérida aid in 2009; RAND recommends less equipment, more transparency.",
          },
        ],
      },
      {
        key: "p1-aid-metrics",
        title: "Adopt metrics to evaluate the effectiveness of U.S. aid",
        titleEs: "Adoptar métricas para evaluar la eficacia de la ayuda estadounidense",
        description: "Define and report measures of what U.S. security assistance to Mexico achieves.",
        descriptionEs:
          "Definir indicadores de los logros de la asistencia de Estados Unidos a México en materia de seguridad e informar sobre ellos.",
        dueDate: "2010-12-31",
        owner: "staff",
        history: [],
      },
    ],
    evidence: [
      {
        key: "ev-p1-aid-rand-killings",
        title: "Drug-related killings nearly tripled from 2007 to 2008",
        kind: "dataset",
        source: "RAND-MG",
        publisher: PUB_RAND,
        url: null,
        publishedOn: ON_RAND,
        summary: "RAND counts 2,275 drug-related killings in Mexico in 2007 and 6,290 in 2008.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-aid-rand-pr-aid",
        milestoneKey: "p1-aid-rebalance",
        title: "Mérida aid of about $400 million in 2009",
        kind: "media_report",
        source: "RAND-PR",
        publisher: PUB_RAND,
        url: null,
        publishedOn: ON_RAND_PR,
        summary:
          "RAND's news release puts Mérida Initiative aid at about $400 million in 2009 and notes that U.S. military and police aid to Mexico nearly tripled to $45.8 million from 2000 to 2006.",
        shows: "neutral",
        reliability: "independent_research",
      },
      {
        key: "ev-p1-aid-rand-rb-options",
        milestoneKey: "p1-aid-metrics",
        title: "Strategic partnership rated highest impact; metrics needed",
        kind: "official_document",
        source: "RAND-RB",
        publisher: PUB_RAND,
        url: null,
        publishedOn: ON_RAND,
        summary:
          "RAND rates a strategic partnership High on all four priority areas, the status quo Low, Low, Low and Medium, and retrenchment Low throughout; one of the demands a partnership places on Washington is the need for metrics to evaluate the effectiveness of U.S. aid.",
        shows: "neutral",
        reliability: "independent_research",
      },
    ],
  },

  // ----------------------------------------------------------------- Pillar 2
  {
    key: "p2-federal-police",
    pillarNumber: 2,
    title: "Build a professional Federal Police",
    titleEs: "Construir una Policía Federal profesional",
    description:
      "A new Federal Police with higher entry standards, vetting, better pay and the Plataforma México database, later complemented by a Gendarmerie division.",
    descriptionEs:
      "Una nueva Policía Federal con requisitos de ingreso más exigentes, evaluaciones de control de confianza, mejores salarios y la base de datos Plataforma México, complementada posteriormente con una División de Gendarmería.",
    leadParty: "mx",
    agencyCodes: ["MX-SSP", "US-INL"],
    startDate: "2009-06-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p2-fp-create",
        title: "Create the new Federal Police",
        titleEs: "Crear la nueva Policía Federal",
        description: "Establish the Federal Police with higher standards, vetting and pay.",
        descriptionEs:
          "Establecer la Policía Federal con estándares más altos, evaluaciones de control de confianza y mejores salarios.",
        dueDate: "2009-06-30",
        owner: "admin",
        history: [
          {
            on: "2009-06-01",
            status: "completed",
            completedOn: "2009-06-01",
            note: "New Federal Police created in June 2009.",
          },
        ],
      },
      {
        key: "p2-fp-plataforma",
        title: "Bring Plataforma México into service",
        titleEs: "Poner en operación Plataforma México",
        description: "The shared criminal information database supporting the new force.",
        descriptionEs: "La base de datos compartida de información criminal que sustenta a la nueva corporación.",
        dueDate: "2010-12-31",
        owner: null,
        history: [
          {
            on: ON_CABINET_2011,
            status: "completed",
            completedOn: ON_WWC,
            note: "Plataforma México database described as part of the reformed force.",
          },
        ],
      },
      {
        key: "p2-fp-standards",
        title: "Maintain recruitment and vetting standards",
        titleEs: "Mantener los estándares de reclutamiento y de control de confianza",
        description: "Keep the higher entry and vetting standards as the force grows, and train recruits.",
        descriptionEs:
          "Conservar los requisitos de ingreso y de control de confianza más exigentes a medida que crece la corporación, y capacitar a los nuevos elementos.",
        dueDate: "2011-12-31",
        owner: "staff",
        history: [
          { on: "2010-06-01", status: "in_progress", note: "Vetting of recruits under way." },
          {
            on: ON_CABINET_2011,
            status: "at_risk",
            cause: "capacity",
            note: "Standards lowered to meet recruitment goals; corruption persists.",
          },
          {
            on: ON_MR,
            status: "in_progress",
            note: "Federal police now receive year-long training; core force about 25,000.",
          },
        ],
      },
      {
        key: "p2-fp-gendarmerie",
        title: "Deploy the Gendarmerie division",
        titleEs: "Desplegar la División de Gendarmería",
        description: "A new Gendarmerie division of the Federal Police, planned at 40,000 officers.",
        descriptionEs: "Una nueva División de Gendarmería de la Policía Federal, prevista con 40 mil elementos.",
        dueDate: "2018-11-30",
        owner: null,
        history: [
          {
            on: ON_MR,
            status: "cancelled",
            note: "Planned 40,000-strong force scaled back; it stands at about 1,200.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p2-fp-wwc-created",
        milestoneKey: "p2-fp-create",
        title: "Federal Police of about 32,000 created in June 2009",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Out of roughly 400,000 police in local, state and federal forces, a new Federal Police of about 32,000 was created in June 2009 with higher standards, vetting, pay and the Plataforma México database.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p2-fp-wwc-standards",
        milestoneKey: "p2-fp-standards",
        title: "Standards lowered to recruit; corruption persists",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "The authors judge that police reform has advanced moderately, but standards were lowered to fill the ranks and corruption persists.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-p2-fp-mr-strength",
        milestoneKey: "p2-fp-gendarmerie",
        title: "Federal police core about 25,000; Gendarmerie about 1,200",
        kind: "official_document",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary:
          "Ellis puts the federal police core at about 25,000, with year-long training for its officers, and reports that the Gendarmerie shrank from a planned 40,000 to about 1,200.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p2-state-local-police",
    pillarNumber: 2,
    title: "Extend police reform to state and municipal forces",
    titleEs: "Extender la reforma policial a las corporaciones estatales y municipales",
    description:
      "Carry vetting and professional standards to state and local police and place municipal forces under state command (Mando Único).",
    descriptionEs:
      "Llevar el control de confianza y los estándares profesionales a las policías estatales y municipales, y colocar a las corporaciones municipales bajo el mando estatal (Mando Único).",
    leadParty: "mx",
    agencyCodes: ["MX-SEGOB", "MX-SSP", "US-INL"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p2-slp-unify",
        title: "Unify municipal police under state command",
        titleEs: "Unificar las policías municipales bajo el mando estatal",
        description: "Legislation and agreements to bring municipal forces under a single state command.",
        descriptionEs: "Legislación y convenios para colocar a las corporaciones municipales bajo un mando único estatal.",
        dueDate: "2011-12-31",
        owner: "staff",
        history: [
          { on: "2010-10-01", status: "in_progress", note: "Proposal to unify police forces before Congress." },
          {
            on: ON_CABINET_2011,
            status: "delayed",
            cause: "legislation",
            note: "Proposal stalled in Congress.",
          },
          {
            on: ON_MR,
            status: "at_risk",
            cause: "coordination",
            note: "Mando Único in place in some states but implemented unevenly.",
          },
        ],
      },
      {
        key: "p2-slp-vetting",
        title: "Vet and professionalise state and local police",
        titleEs: "Someter a control de confianza y profesionalizar a las policías estatales y municipales",
        description: "Apply the federal vetting and training standards to state and municipal forces.",
        descriptionEs:
          "Aplicar a las corporaciones estatales y municipales los estándares federales de control de confianza y capacitación.",
        dueDate: "2012-12-31",
        owner: null,
        history: [
          {
            on: ON_CABINET_2011,
            status: "delayed",
            cause: "capacity",
            note: "Reform has not yet reached state and local forces.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p2-slp-wwc-reach",
        milestoneKey: "p2-slp-vetting",
        title: "Reform has not reached state and local police",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Most of Mexico's roughly 400,000 police serve in state and local forces, which reform has not reached; a proposal to unify the forces stalled in Congress.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-p2-slp-mr-mando-unico",
        milestoneKey: "p2-slp-unify",
        title: "Mando Único implemented unevenly",
        kind: "official_document",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary: "Ellis reports that state command of municipal police (Mando Único) has been implemented unevenly across states.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p2-justice-reform",
    pillarNumber: 2,
    title: "Move to oral, adversarial criminal justice",
    titleEs: "Transitar al sistema de justicia penal acusatorio y oral",
    description:
      "Implement the 2008 constitutional reform introducing oral, adversarial trials and the presumption of innocence within its eight-year transition.",
    descriptionEs:
      "Implementar la reforma constitucional de 2008, que introdujo los juicios orales de corte acusatorio y la presunción de inocencia, dentro de su periodo de transición de ocho años.",
    leadParty: "mx",
    agencyCodes: ["MX-PGR", "MX-SEGOB", "US-INL", "US-USAID"],
    startDate: "2008-06-18",
    targetDate: "2016-06-18",
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p2-jr-state-laws",
        title: "Adopt reform laws in the states",
        titleEs: "Adoptar las leyes de la reforma en los estados",
        description: "Each state enacts the laws and procedures of the adversarial system.",
        descriptionEs: "Cada estado promulga las leyes y los procedimientos del sistema acusatorio.",
        dueDate: "2016-06-18",
        owner: "admin",
        history: [
          { on: "2009-06-01", status: "in_progress", note: "States begin adopting implementing laws." },
          {
            on: ON_CABINET_2011,
            status: "at_risk",
            cause: "capacity",
            note: "Only 11 states have adopted reform laws.",
          },
          {
            on: ON_MR,
            status: "completed",
            completedOn: "2016-06-18",
            note: "New system in force nationally, on schedule, in 2016.",
          },
        ],
      },
      {
        key: "p2-jr-federal",
        title: "Adopt the adversarial system in federal justice",
        titleEs: "Adoptar el sistema acusatorio en la justicia federal",
        description: "The federal criminal justice system moves to the new procedures.",
        descriptionEs: "El sistema de justicia penal federal adopta los nuevos procedimientos.",
        dueDate: "2016-06-18",
        owner: "staff",
        history: [
          {
            on: ON_CABINET_2011,
            status: "delayed",
            cause: "legislation",
            note: "Federal system has not yet adopted the reform.",
          },
          {
            on: ON_MR,
            status: "completed",
            completedOn: "2016-06-18",
            note: "Federal and state systems operating under the new model since 2016.",
          },
        ],
      },
      {
        key: "p2-jr-case-resolution",
        title: "Bring cases to resolution under the new system",
        titleEs: "Llevar los casos a su resolución en el nuevo sistema",
        description: "Raise the share of cases that reach trial or another resolution once the system is in force.",
        descriptionEs:
          "Aumentar la proporción de casos que llegan a juicio o a otra forma de resolución una vez que el sistema esté en vigor.",
        dueDate: "2018-12-31",
        owner: null,
        history: [
          {
            on: ON_MR,
            status: "at_risk",
            cause: "capacity",
            note: "System performs unevenly; by one estimate up to 90% of cases never go to trial.",
          },
        ],
      },
      {
        key: "p2-jr-publish-data",
        title: "Publish conviction and trial-rate data",
        titleEs: "Publicar datos de sentencias condenatorias y de la tasa de casos que llegan a juicio",
        description: "Publish regular data on convictions and on cases reaching trial under the accusatory system.",
        descriptionEs:
          "Publicar periódicamente datos sobre las sentencias condenatorias y los casos que llegan a juicio en el sistema acusatorio.",
        dueDate: "2027-09-30",
        owner: "staff",
        history: [],
      },
    ],
    evidence: [
      {
        key: "ev-p2-jr-wwc-states",
        milestoneKey: "p2-jr-state-laws",
        title: "Only 11 states had adopted reform laws by 2011",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Three years into the eight-year transition, only 11 states had adopted reform laws and the federal system none; the authors see little progress on justice reform.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-p2-jr-wwc-impunity",
        title: "Fewer than 2% of crimes end in conviction",
        kind: "dataset",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Fewer than 2% of crimes end in a conviction and roughly 4 in 5 crimes are never reported; arrests are rising while prosecutions lag far behind.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-p2-jr-mr-2016",
        milestoneKey: "p2-jr-case-resolution",
        title: "New system in force since 2016 but uneven",
        kind: "official_document",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary:
          "The adversarial system was implemented on schedule in 2016, but it performs unevenly and by one estimate up to 90% of cases never go to trial.",
        shows: "advance",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p2-military-justice",
    pillarNumber: 2,
    title: "Try soldiers accused of abuses in civilian courts",
    titleEs: "Juzgar en tribunales civiles a los militares acusados de abusos",
    description:
      "Reform military justice so that members of the armed forces accused of abuses against civilians face civilian courts.",
    descriptionEs:
      "Reformar la justicia militar para que los integrantes de las fuerzas armadas acusados de abusos contra civiles sean juzgados por tribunales civiles.",
    leadParty: "mx",
    agencyCodes: ["MX-SEDENA", "MX-SEMAR", "MX-SEGOB"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p2-mj-proposal",
        title: "Present the military justice reform proposal",
        titleEs: "Presentar la iniciativa de reforma a la justicia militar",
        description: "Send the reform to Congress.",
        descriptionEs: "Enviar la reforma al Congreso.",
        dueDate: "2010-12-31",
        owner: "admin",
        history: [
          {
            on: ON_CABINET_2011,
            status: "completed",
            completedOn: "2010-12-31",
            note: "Reform proposed in 2010.",
          },
        ],
      },
      {
        key: "p2-mj-enact",
        title: "Enact military justice reform",
        titleEs: "Aprobar la reforma a la justicia militar",
        description: "Congress passes the reform and cases move to civilian courts.",
        descriptionEs: "El Congreso aprueba la reforma y los casos pasan a los tribunales civiles.",
        dueDate: "2011-12-31",
        owner: "staff",
        history: [
          {
            on: ON_CABINET_2011,
            status: "delayed",
            cause: "legislation",
            note: "No final action in Congress.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p2-mj-wwc",
        milestoneKey: "p2-mj-enact",
        title: "Military justice reform proposed, not enacted",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "A reform sending soldiers accused of abuses to civilian courts was proposed in 2010, but there had been no final action on it by the time of the review.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p2-prisons",
    pillarNumber: 2,
    title: "Expand and improve the prison system",
    titleEs: "Ampliar y mejorar el sistema penitenciario",
    description:
      "Enlarge federal prison capacity and address conditions in state prisons, which hold most prisoners.",
    descriptionEs:
      "Aumentar la capacidad de los penales federales y atender las condiciones de los penales estatales, que albergan a la mayoría de los internos.",
    leadParty: "mx",
    agencyCodes: ["MX-SSP", "MX-SEGOB", "US-INL"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "MR",
    sourceCitation: CITE_MR,
    milestones: [
      {
        key: "p2-pr-federal-capacity",
        title: "Expand federal prison capacity",
        titleEs: "Ampliar la capacidad penitenciaria federal",
        description: "Build and open federal prisons to hold high-risk inmates.",
        descriptionEs: "Construir y poner en operación penales federales para recluir a internos de alta peligrosidad.",
        dueDate: "2018-05-31",
        owner: "admin",
        history: [
          {
            on: ON_MR,
            status: "completed",
            completedOn: ON_MR,
            note: "Federal capacity grown from 6,000 to 30,000 beds in 15 federal prisons.",
          },
        ],
      },
      {
        key: "p2-pr-state-conditions",
        title: "Improve conditions in state prisons",
        titleEs: "Mejorar las condiciones de los penales estatales",
        description: "Address the graver conditions in the state prisons that hold most of the prison population.",
        descriptionEs:
          "Atender las condiciones más graves de los penales estatales, que albergan a la mayor parte de la población penitenciaria.",
        dueDate: "2018-12-31",
        owner: "staff",
        history: [
          {
            on: ON_MR,
            status: "at_risk",
            cause: "capacity",
            note: "About 220,000 of 250,000 prisoners held in about 150 state prisons, where conditions are graver.",
          },
        ],
      },
      {
        key: "p2-pr-state-review",
        title: "Review state prison conditions with the states",
        titleEs: "Revisar con los estados las condiciones de los penales estatales",
        description: "A joint review of conditions in state prisons as the basis for a follow-up plan.",
        descriptionEs: "Una revisión conjunta de las condiciones de los penales estatales como base para un plan de seguimiento.",
        dueDate: "2027-12-31",
        owner: null,
        history: [
          { on: "2026-09-15", status: "in_progress", note: "Terms of reference circulated to state authorities." },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p2-pr-mr-beds",
        milestoneKey: "p2-pr-federal-capacity",
        title: "Federal prison capacity grew from 6,000 to 30,000 beds",
        kind: "dataset",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary: "Ellis reports that federal prison capacity grew from 6,000 to 30,000 beds in 15 federal prisons.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p2-pr-mr-state",
        milestoneKey: "p2-pr-state-conditions",
        title: "Most prisoners held in state prisons with graver conditions",
        kind: "official_document",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary: "About 220,000 of Mexico's 250,000 prisoners are held in roughly 150 state prisons, where conditions are graver than in federal ones.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },

  // ----------------------------------------------------------------- Pillar 3
  {
    key: "p3-risk-management",
    pillarNumber: 3,
    title: "Risk management and pre-clearance at the border",
    titleEs: "Gestión de riesgos y preinspección en la frontera",
    description:
      "Screen rail and truck traffic with non-intrusive inspection and sort commercial and commuter traffic into low- and high-risk groups.",
    descriptionEs:
      "Revisar el tráfico ferroviario y de camiones mediante inspección no intrusiva y clasificar el tráfico comercial y de viajeros frecuentes en grupos de bajo y alto riesgo.",
    leadParty: "joint",
    agencyCodes: ["US-CBP", "MX-SAT"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p3-rm-screening",
        title: "Screen all rail traffic and empty trucks",
        titleEs: "Revisar todo el tráfico ferroviario y los camiones vacíos",
        description: "Non-intrusive screening of every rail shipment and every empty truck crossing the border.",
        descriptionEs: "Revisión no intrusiva de cada cargamento ferroviario y de cada camión vacío que cruza la frontera.",
        dueDate: "2010-12-31",
        owner: "admin",
        history: [
          { on: "2010-05-01", status: "in_progress", note: "Non-intrusive screening being extended." },
          {
            on: ON_CABINET_2011,
            status: "completed",
            completedOn: ON_WWC,
            note: "All rail traffic and all empty trucks now go through non-intrusive screening.",
          },
        ],
      },
      {
        key: "p3-rm-segmentation",
        title: "Sort traffic into low- and high-risk groups",
        titleEs: "Clasificar el tráfico en grupos de bajo y alto riesgo",
        description: "Separate low-risk commercial and commuter traffic from high-risk traffic to focus inspection.",
        descriptionEs:
          "Separar el tráfico comercial y de viajeros frecuentes de bajo riesgo del tráfico de alto riesgo para focalizar la inspección.",
        dueDate: "2012-12-31",
        owner: "admin",
        history: [
          { on: ON_CABINET_2011, status: "in_progress", note: "Sorting of commercial and commuter traffic under way." },
        ],
      },
      {
        key: "p3-rm-full-implementation",
        title: "Fully implement risk-based border management",
        titleEs: "Implementar plenamente la gestión fronteriza basada en riesgos",
        description: "Complete the roll-out of pre-clearance and risk segmentation across crossings.",
        descriptionEs:
          "Completar la puesta en marcha de la preinspección y la segmentación por riesgo en todos los cruces fronterizos.",
        dueDate: "2014-12-31",
        owner: null,
        history: [
          {
            on: ON_CABINET_2011,
            status: "at_risk",
            cause: "capacity",
            note: "Full implementation expected to take years.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p3-rm-wwc-screening",
        milestoneKey: "p3-rm-screening",
        title: "All rail traffic and empty trucks screened",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "All rail traffic and all empty trucks pass through non-intrusive screening, and sorting of commercial and commuter traffic into low- and high-risk groups is under way.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p3-rm-wwc-years",
        milestoneKey: "p3-rm-full-implementation",
        title: "Border agenda aggressive but will take years",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "The authors call the border agenda \"quite aggressive\" but expect it is \"likely to take years to implement fully\".",
        shows: "neutral",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p3-border-infrastructure",
    pillarNumber: 3,
    title: "Modernise border crossing infrastructure",
    titleEs: "Modernizar la infraestructura de los cruces fronterizos",
    description:
      "Open new ports of entry, shorten permitting for crossings and use public–private partnerships to finance them.",
    descriptionEs:
      "Abrir nuevos puertos de entrada, agilizar la expedición de permisos para los cruces y recurrir a asociaciones público-privadas para financiarlos.",
    leadParty: "joint",
    agencyCodes: ["US-CBP", "MX-SAT", "MX-SEGOB"],
    startDate: "2010-01-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p3-bi-new-ports",
        title: "Open new ports of entry",
        titleEs: "Abrir nuevos puertos de entrada",
        description: "Open new land ports of entry on the border.",
        descriptionEs: "Abrir nuevos puertos de entrada terrestres en la frontera.",
        dueDate: "2010-12-31",
        owner: "admin",
        history: [
          {
            on: ON_CABINET_2011,
            status: "completed",
            completedOn: "2010-12-31",
            note: "Three new ports of entry opened in 2010.",
          },
        ],
      },
      {
        key: "p3-bi-permitting",
        title: "Shorten permitting for new crossings",
        titleEs: "Agilizar la expedición de permisos para nuevos cruces",
        description: "Cut the time needed to permit new crossings.",
        descriptionEs: "Reducir el tiempo necesario para autorizar nuevos cruces fronterizos.",
        dueDate: "2012-12-31",
        owner: null,
        history: [
          {
            on: ON_CABINET_2011,
            status: "in_progress",
            note: "Permitting that took up to ten years now sometimes takes two or three.",
          },
        ],
      },
      {
        key: "p3-bi-ppp",
        title: "Finance crossings through public–private partnerships",
        titleEs: "Financiar los cruces mediante asociaciones público-privadas",
        description: "Use public–private partnerships for border infrastructure projects.",
        descriptionEs: "Recurrir a asociaciones público-privadas para los proyectos de infraestructura fronteriza.",
        dueDate: "2013-12-31",
        owner: "staff",
        history: [
          { on: "2010-09-01", status: "in_progress", note: "Partnership projects being prepared." },
          {
            on: ON_CABINET_2011,
            status: "delayed",
            cause: "funding",
            note: "Many initiatives remain on the drawing board.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p3-bi-wwc-ports",
        milestoneKey: "p3-bi-new-ports",
        title: "Three new ports of entry opened in 2010",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Three new ports of entry opened in 2010, and permitting that once took up to ten years now sometimes takes two or three.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p3-bi-wwc-momentum",
        milestoneKey: "p3-bi-ppp",
        title: "Many initiatives on the drawing board, with forward momentum",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Many border initiatives, including public–private partnerships, \"remain on the drawing board\", though the authors see \"positive forward momentum\".",
        shows: "neutral",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p3-port-security",
    pillarNumber: 3,
    title: "Secure Mexico's seaports",
    titleEs: "Garantizar la seguridad de los puertos marítimos de México",
    description:
      "Place port security under the Mexican navy and set up coordination groups to control goods moving through the ports.",
    descriptionEs:
      "Poner la seguridad portuaria a cargo de la Secretaría de Marina y establecer grupos de coordinación para controlar las mercancías que transitan por los puertos.",
    leadParty: "mx",
    agencyCodes: ["MX-SEMAR", "MX-SAT"],
    startDate: "2016-01-01",
    targetDate: null,
    source: "MR",
    sourceCitation: CITE_MR,
    milestones: [
      {
        key: "p3-ps-navy",
        title: "Transfer port security to the navy",
        titleEs: "Transferir la seguridad portuaria a la Secretaría de Marina",
        description: "The Secretaría de Marina assumes responsibility for security in Mexico's ports.",
        descriptionEs: "La Secretaría de Marina asume la responsabilidad de la seguridad en los puertos de México.",
        dueDate: "2016-12-31",
        owner: "admin",
        history: [
          {
            on: "2016-12-31",
            status: "completed",
            completedOn: "2016-12-31",
            note: "Navy took over port security in 2016.",
          },
        ],
      },
      {
        key: "p3-ps-coordination-groups",
        title: "Set up port coordination groups",
        titleEs: "Establecer grupos de coordinación portuaria",
        description: "Coordination groups bringing together the agencies present in each port.",
        descriptionEs: "Grupos de coordinación que reúnen a las dependencias presentes en cada puerto.",
        dueDate: "2018-12-31",
        owner: "admin",
        history: [
          {
            on: ON_MR,
            status: "in_progress",
            note: "Coordination groups operating in 21 of Mexico's 103 ports.",
          },
        ],
      },
      {
        key: "p3-ps-publish-seizures",
        title: "Publish seizure data for ports with coordination groups",
        titleEs: "Publicar datos de aseguramientos en los puertos con grupos de coordinación",
        description: "Publish the seizure results of the ports that have coordination groups.",
        descriptionEs: "Publicar los resultados de aseguramientos de los puertos que cuentan con grupos de coordinación.",
        dueDate: "2026-12-20",
        owner: "staff",
        history: [
          { on: "2026-06-30", status: "in_progress", note: "Data template agreed with the port coordination groups." },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p3-ps-mr-navy",
        milestoneKey: "p3-ps-navy",
        title: "Navy in charge of port security since 2016",
        kind: "official_document",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary:
          "Ellis reports that the Mexican navy took over port security in 2016 and that control of goods moving through the ports, and seizures, have \"notably increased\".",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p3-ps-mr-ports",
        milestoneKey: "p3-ps-coordination-groups",
        title: "Coordination groups in 21 of 103 ports",
        kind: "dataset",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary: "Port coordination groups operate in 21 of Mexico's 103 ports.",
        shows: "advance",
        reliability: "independent_research",
      },
    ],
  },

  // ----------------------------------------------------------------- Pillar 4
  {
    key: "p4-todos-somos-juarez",
    pillarNumber: 4,
    title: "Todos Somos Juárez",
    titleEs: "Todos Somos Juárez",
    description:
      "Social and economic initiatives in Ciudad Juárez launched after the January 2010 massacre of 15 teenagers, with U.S. technical assistance, youth violence prevention and training.",
    descriptionEs:
      "Iniciativas sociales y económicas en Ciudad Juárez puestas en marcha tras la masacre de 15 adolescentes en enero de 2010, con asistencia técnica de Estados Unidos, prevención de la violencia juvenil y capacitación.",
    leadParty: "mx",
    agencyCodes: ["MX-SEGOB", "US-USAID", "US-INL"],
    startDate: "2010-02-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p4-tsj-launch",
        title: "Launch the Todos Somos Juárez programme",
        titleEs: "Poner en marcha el programa Todos Somos Juárez",
        description: "Start the programme of social and economic initiatives in Ciudad Juárez.",
        descriptionEs: "Iniciar el programa de iniciativas sociales y económicas en Ciudad Juárez.",
        dueDate: "2010-06-30",
        owner: "admin",
        history: [
          {
            on: "2010-03-15",
            status: "completed",
            completedOn: "2010-03-01",
            note: "Programme launched after the January 2010 massacre of 15 teenagers.",
          },
        ],
      },
      {
        key: "p4-tsj-us-support",
        title: "Provide U.S. support for youth violence prevention",
        titleEs: "Brindar apoyo de Estados Unidos para la prevención de la violencia juvenil",
        description: "U.S. technical assistance, youth violence prevention and training in support of the programme.",
        descriptionEs:
          "Asistencia técnica de Estados Unidos, prevención de la violencia juvenil y capacitación en apoyo del programa.",
        dueDate: "2011-12-31",
        owner: "staff",
        history: [
          { on: "2010-09-01", status: "in_progress", note: "Technical assistance and training starting." },
          {
            on: ON_CABINET_2011,
            status: "at_risk",
            cause: "funding",
            note: "U.S. resources for this pillar remain quite limited.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p4-tsj-wwc-launch",
        milestoneKey: "p4-tsj-launch",
        title: "Todos Somos Juárez launched after the 2010 massacre",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "After the January 2010 massacre of 15 teenagers in Ciudad Juárez, Mexico launched Todos Somos Juárez, a programme of social and economic initiatives.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-p4-tsj-wwc-limited",
        milestoneKey: "p4-tsj-us-support",
        title: "U.S. support for communities quite limited",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "U.S. support through technical assistance, youth violence prevention and training exists, but the resources devoted to it are \"quite limited\".",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "p4-binational-strategy",
    pillarNumber: 4,
    title: "Binational strategy for resilient communities",
    titleEs: "Estrategia binacional para comunidades resilientes",
    description:
      "Agree a binational strategy for the fourth pillar, expected at the cabinet-level meeting of 29 April 2011, and evaluate community programmes against it.",
    descriptionEs:
      "Acordar una estrategia binacional para el cuarto pilar, prevista para la reunión a nivel de gabinete del 29 de abril de 2011, y evaluar con base en ella los programas comunitarios.",
    leadParty: "joint",
    agencyCodes: ["US-INL", "US-USAID", "MX-SEGOB"],
    startDate: "2010-01-01",
    targetDate: "2011-04-29",
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "p4-bs-present",
        title: "Present the pillar 4 strategy at the April 2011 cabinet meeting",
        titleEs: "Presentar la estrategia del pilar 4 en la reunión de gabinete de abril de 2011",
        description: "Table a binational strategy for resilient communities at the high-level meeting.",
        descriptionEs: "Presentar una estrategia binacional para comunidades resilientes en la reunión de alto nivel.",
        dueDate: "2011-04-29",
        owner: "admin",
        history: [
          {
            on: "2011-03-01",
            status: "in_progress",
            note: "Strategy being drafted for the 29 April 2011 meeting.",
          },
        ],
      },
      {
        key: "p4-bs-evaluate",
        title: "Evaluate community programme outcomes",
        titleEs: "Evaluar los resultados de los programas comunitarios",
        description: "An evaluation of community programmes; no review of them is on record since 2011.",
        descriptionEs: "Una evaluación de los programas comunitarios; no consta ninguna revisión de ellos desde 2011.",
        dueDate: "2027-10-31",
        owner: "staff",
        history: [
          { on: "2026-02-10", status: "in_progress", note: "Evaluation scope drafted." },
          {
            on: "2026-04-20",
            status: "delayed",
            cause: "funding",
            note: "Evaluation funding not yet confirmed.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-p4-bs-wwc",
        milestoneKey: "p4-bs-present",
        title: "Pillar 4 strategy only now taking shape",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "The review finds the community-resilience strategy \"only now taking shape\", with a binational strategy expected at the 29 April 2011 cabinet-level meeting.",
        shows: "neutral",
        reliability: "independent_research",
      },
    ],
  },

  // ------------------------------------------------------- Demand reduction
  {
    key: "dr-treatment-prevention",
    pillarNumber: 5,
    title: "Reduce U.S. drug demand through treatment and prevention",
    titleEs: "Reducir la demanda de drogas en Estados Unidos mediante el tratamiento y la prevención",
    description:
      "Under co-responsibility, acknowledged in 2009, shift U.S. drug-control spending toward treatment and prevention and measure the drug market.",
    descriptionEs:
      "Conforme a la corresponsabilidad reconocida en 2009, reorientar el gasto de Estados Unidos en control de drogas hacia el tratamiento y la prevención, y medir el mercado de drogas.",
    leadParty: "us",
    agencyCodes: ["US-ONDCP"],
    startDate: "2009-03-01",
    targetDate: null,
    source: "WWC",
    sourceCitation: CITE_WWC,
    milestones: [
      {
        key: "dr-tp-budget",
        title: "Raise federal spending on treatment and prevention",
        titleEs: "Aumentar el gasto federal en tratamiento y prevención",
        description: "Increase the treatment and prevention shares of the federal drug-control budget.",
        descriptionEs:
          "Incrementar la proporción del presupuesto federal de control de drogas destinada al tratamiento y la prevención.",
        dueDate: "2011-12-31",
        owner: "admin",
        history: [
          {
            on: ON_CABINET_2011,
            status: "at_risk",
            cause: "funding",
            note: "FY2010–FY2012 (requested): treatment +1.1%, prevention +7.9%.",
          },
        ],
      },
      {
        key: "dr-tp-market-measurement",
        title: "Measure the size of the U.S. drug market",
        titleEs: "Medir el tamaño del mercado de drogas de Estados Unidos",
        description: "Resume official estimates of the size of the illegal drug market.",
        descriptionEs: "Reanudar las estimaciones oficiales del tamaño del mercado de drogas ilegales.",
        dueDate: "2012-12-31",
        owner: "staff",
        history: [
          {
            on: ON_CABINET_2011,
            status: "delayed",
            cause: "other",
            note: "The government no longer measures market size.",
          },
        ],
      },
      {
        key: "dr-tp-heavy-users",
        title: "Reduce consumption by heavy users",
        titleEs: "Reducir el consumo de los usuarios intensivos",
        description:
          "Reach the heavy users who consume most of the volume; WWC cites an estimate of 5–10 years for demand reduction to affect consumption.",
        descriptionEs:
          "Llegar a los usuarios intensivos, que concentran la mayor parte del volumen consumido; el WWC cita una estimación de 5 a 10 años para que la reducción de la demanda incida en el consumo.",
        dueDate: "2021-04-30",
        owner: null,
        history: [
          {
            on: ON_CABINET_2011,
            status: "in_progress",
            note: "Surveys show lower prevalence; heavy users consume most of the volume.",
          },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-dr-tp-wwc-co-responsibility",
        milestoneKey: "dr-tp-heavy-users",
        title: "U.S. acknowledged co-responsibility in 2009",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "In 2009 the U.S. Secretary of State acknowledged \"co-responsibility\" for the drug trade, committing the U.S. to reduce demand for illegal narcotics.",
        shows: "advance",
        reliability: "independent_research",
      },
      {
        key: "ev-dr-tp-wwc-budget",
        milestoneKey: "dr-tp-budget",
        title: "Treatment +1.1%, prevention +7.9% (FY2010–FY2012 requested)",
        kind: "dataset",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Between FY2010 and the FY2012 request, the federal drug-control budget for treatment rises 1.1% and for prevention 7.9%; the authors describe extremely slow progress.",
        shows: "setback",
        reliability: "independent_research",
      },
      {
        key: "ev-dr-tp-wwc-market",
        milestoneKey: "dr-tp-market-measurement",
        title: "Market size no longer measured; effects take years",
        kind: "official_document",
        source: "WWC",
        publisher: PUB_WWC,
        url: null,
        publishedOn: ON_WWC,
        summary:
          "Surveys show lower prevalence, but the government no longer measures market size and heavy users consume most of the volume; an estimate cited by the authors puts the effect on consumption at 5–10 years and on violence in Mexico at up to 20 years.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
  {
    key: "dr-opioid-cocaine",
    pillarNumber: 5,
    title: "Respond to rising opioid and cocaine consumption",
    titleEs: "Responder al aumento del consumo de opioides y cocaína",
    description: "Follow up the growth of opioid and cocaine consumption in the United States with stronger demand-side action.",
    descriptionEs:
      "Atender el crecimiento del consumo de opioides y cocaína en Estados Unidos con medidas más firmes de reducción de la demanda.",
    leadParty: "us",
    agencyCodes: ["US-ONDCP"],
    startDate: "2018-05-24",
    targetDate: null,
    source: "MR",
    sourceCitation: CITE_MR,
    milestones: [
      {
        key: "dr-oc-response",
        title: "Strengthen the response to opioid and cocaine use",
        titleEs: "Fortalecer la respuesta al consumo de opioides y cocaína",
        description: "Step up U.S. demand-side action as consumption of opioids and cocaine grows.",
        descriptionEs:
          "Intensificar las medidas estadounidenses de reducción de la demanda a medida que crece el consumo de opioides y cocaína.",
        dueDate: "2019-12-31",
        owner: "admin",
        history: [
          {
            on: ON_MR,
            status: "at_risk",
            cause: "other",
            note: "The U.S. \"needs to do more\" about growing opioid and cocaine consumption.",
          },
        ],
      },
      {
        key: "dr-oc-followup",
        title: "Publish a follow-up of opioid and cocaine consumption",
        titleEs: "Publicar un seguimiento del consumo de opioides y cocaína",
        description: "Publish a follow-up on consumption trends since the 2018 review.",
        descriptionEs: "Publicar un seguimiento de las tendencias de consumo desde la revisión de 2018.",
        dueDate: "2027-05-31",
        owner: "admin",
        history: [
          { on: "2026-11-02", status: "in_progress", note: "Follow-up report in preparation." },
        ],
      },
    ],
    evidence: [
      {
        key: "ev-dr-oc-mr",
        milestoneKey: "dr-oc-response",
        title: "U.S. needs to do more on opioids and cocaine",
        kind: "official_document",
        source: "MR",
        publisher: PUB_MR,
        url: null,
        publishedOn: ON_MR,
        summary: "Ellis argues that the United States \"needs to do more\" about the growing consumption of opioids and cocaine.",
        shows: "setback",
        reliability: "independent_research",
      },
    ],
  },
];

// ---------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------

export const demoIndicators: DemoIndicator[] = [
  {
    key: "ind-p1-drug-killings",
    pillarNumber: 1,
    commitmentKey: null,
    name: "Drug-related killings",
    nameEs: "Homicidios relacionados con el narcotráfico",
    unit: "killings per year",
    unitEs: "homicidios al año",
    better: "lower",
    baseline: { value: 2275, on: "2007-12-31" },
    target: null,
    observations: [
      { value: 2275, on: "2007-12-31", evidenceKey: "ev-p1-aid-rand-killings", note: "RAND count of drug-related killings." },
      { value: 6290, on: "2008-12-31", evidenceKey: "ev-p1-aid-rand-killings", note: "RAND count of drug-related killings." },
      {
        value: 15000,
        on: "2010-12-31",
        evidenceKey: "ev-p1-intel-wwc-killings-2010",
        note: "WWC: more than 15,000 organized-crime-related killings (a lower bound). A different definition from RAND's drug-related count, so not strictly comparable.",
      },
    ],
  },
  {
    key: "ind-p1-homicide-rate",
    pillarNumber: 1,
    commitmentKey: null,
    name: "Homicide rate",
    nameEs: "Tasa de homicidios",
    unit: "homicides per 100,000 inhabitants",
    unitEs: "homicidios por cada 100 mil habitantes",
    better: "lower",
    baseline: null,
    target: null,
    observations: [
      {
        value: 22.5,
        on: "2017-12-31",
        evidenceKey: "ev-p1-lead-mr-violence",
        note: "Record level, 27.5% above 2016 (MR). The sources give no other year's rate.",
      },
    ],
  },
  {
    key: "ind-p1-criminal-groups",
    pillarNumber: 1,
    commitmentKey: "p1-leadership-targeting",
    name: "Major criminal groups",
    nameEs: "Principales grupos criminales",
    unit: "groups",
    unitEs: "grupos",
    better: "lower",
    baseline: { value: 8, on: "2006-12-01" },
    target: null,
    observations: [
      {
        value: 8,
        on: "2006-12-01",
        evidenceKey: "ev-p1-lead-mr-violence",
        note: "8 major cartels during the Calderón term (MR); dated at the start of that term.",
      },
      {
        value: 300,
        on: "2018-05-24",
        evidenceKey: "ev-p1-lead-mr-violence",
        note: "More than 300 groups by the end of the Peña Nieto term (MR); recorded as the lower bound at the article's date.",
      },
    ],
  },
  {
    key: "ind-p2-federal-police",
    pillarNumber: 2,
    commitmentKey: "p2-federal-police",
    name: "Federal Police strength",
    nameEs: "Estado de fuerza de la Policía Federal",
    unit: "officers",
    unitEs: "elementos",
    better: "higher",
    baseline: { value: 32000, on: "2009-06-01" },
    target: null,
    observations: [
      {
        value: 32000,
        on: "2011-04-01",
        evidenceKey: "ev-p2-fp-wwc-created",
        note: "About 32,000 in the force created in June 2009 (WWC).",
      },
      { value: 25000, on: "2018-05-24", evidenceKey: "ev-p2-fp-mr-strength", note: "Core of about 25,000 (MR)." },
    ],
  },
  {
    key: "ind-p2-gendarmerie",
    pillarNumber: 2,
    commitmentKey: "p2-federal-police",
    name: "Gendarmerie strength",
    nameEs: "Estado de fuerza de la Gendarmería",
    unit: "officers",
    unitEs: "elementos",
    better: "higher",
    baseline: null,
    target: { value: 40000, on: "2018-11-30" },
    observations: [
      {
        value: 1200,
        on: "2018-05-24",
        evidenceKey: "ev-p2-fp-mr-strength",
        note: "About 1,200 against a planned 40,000 (MR). MR gives no date for the plan; the target date is the end of the Peña Nieto term.",
      },
    ],
  },
  {
    key: "ind-p2-justice-reform-entities",
    pillarNumber: 2,
    commitmentKey: "p2-justice-reform",
    name: "Federal entities with adversarial-system laws",
    nameEs: "Entidades federativas con leyes del sistema acusatorio",
    unit: "states (of 32 federal entities)",
    unitEs: "estados (de 32 entidades federativas)",
    better: "higher",
    baseline: null,
    target: { value: 32, on: "2016-06-18" },
    observations: [
      {
        value: 11,
        on: "2011-04-01",
        evidenceKey: "ev-p2-jr-wwc-states",
        note: "11 states had adopted reform laws; the federal system had not (WWC).",
      },
      {
        value: 32,
        on: "2016-06-18",
        evidenceKey: "ev-p2-jr-mr-2016",
        note: "MR reports the system implemented nationally on schedule in 2016; 32 counts the 31 states and Mexico City.",
      },
    ],
  },
  {
    key: "ind-p2-conviction-share",
    pillarNumber: 2,
    commitmentKey: "p2-justice-reform",
    name: "Crimes ending in conviction",
    nameEs: "Delitos que terminan en sentencia condenatoria",
    unit: "% of crimes",
    unitEs: "% de los delitos",
    better: "higher",
    baseline: null,
    target: null,
    observations: [
      {
        value: 2,
        on: "2011-04-01",
        evidenceKey: "ev-p2-jr-wwc-impunity",
        note: "WWC: fewer than 2%; recorded at the upper bound.",
      },
    ],
  },
  {
    key: "ind-p2-federal-prison-beds",
    pillarNumber: 2,
    commitmentKey: "p2-prisons",
    name: "Federal prison capacity",
    nameEs: "Capacidad penitenciaria federal",
    unit: "beds",
    unitEs: "espacios",
    better: "higher",
    baseline: null,
    target: null,
    observations: [
      {
        value: 30000,
        on: "2018-05-24",
        evidenceKey: "ev-p2-pr-mr-beds",
        note: "Up from 6,000 beds, in 15 federal prisons (MR). MR gives no date for the 6,000 figure, so it is not recorded as a dated baseline.",
      },
    ],
  },
  {
    key: "ind-p3-new-ports-of-entry",
    pillarNumber: 3,
    commitmentKey: "p3-border-infrastructure",
    name: "New ports of entry opened",
    nameEs: "Nuevos puertos de entrada abiertos",
    unit: "ports of entry per year",
    unitEs: "puertos de entrada al año",
    better: "higher",
    baseline: null,
    target: null,
    observations: [
      { value: 3, on: "2010-12-31", evidenceKey: "ev-p3-bi-wwc-ports", note: "Three new ports of entry opened in 2010 (WWC)." },
    ],
  },
  {
    key: "ind-p3-port-coordination-groups",
    pillarNumber: 3,
    commitmentKey: "p3-port-security",
    name: "Ports with coordination groups",
    nameEs: "Puertos con grupos de coordinación",
    unit: "ports (of 103)",
    unitEs: "puertos (de 103)",
    better: "higher",
    baseline: null,
    target: null,
    observations: [
      { value: 21, on: "2018-05-24", evidenceKey: "ev-p3-ps-mr-ports", note: "21 of Mexico's 103 ports (MR)." },
    ],
  },
  {
    key: "ind-dr-treatment-budget-change",
    pillarNumber: 5,
    commitmentKey: "dr-treatment-prevention",
    name: "Change in federal drug-control budget for treatment, FY2010 to FY2012 (requested)",
    nameEs:
      "Variación del presupuesto federal de control de drogas destinado a tratamiento, del año fiscal 2010 al 2012 (solicitado)",
    unit: "%",
    unitEs: "%",
    better: "higher",
    baseline: null,
    target: null,
    observations: [
      { value: 1.1, on: "2011-04-01", evidenceKey: "ev-dr-tp-wwc-budget", note: "+1.1% (WWC)." },
    ],
  },
  {
    key: "ind-dr-prevention-budget-change",
    pillarNumber: 5,
    commitmentKey: "dr-treatment-prevention",
    name: "Change in federal drug-control budget for prevention, FY2010 to FY2012 (requested)",
    nameEs:
      "Variación del presupuesto federal de control de drogas destinado a prevención, del año fiscal 2010 al 2012 (solicitado)",
    unit: "%",
    unitEs: "%",
    better: "higher",
    baseline: null,
    target: null,
    observations: [
      { value: 7.9, on: "2011-04-01", evidenceKey: "ev-dr-tp-wwc-budget", note: "+7.9% (WWC)." },
    ],
  },
];

// ---------------------------------------------------------------------------
// Assessment rounds
// ---------------------------------------------------------------------------

export const demoRounds: DemoRound[] = [
  {
    key: "round-2011-04",
    title: "April 2011 two-year review",
    titleEs: "Revisión de los dos primeros años, abril de 2011",
    periodStart: "2009-03-01",
    periodEnd: "2011-04-30",
    status: "closed",
    assessments: [
      {
        pillarNumber: 1,
        advances: "steady",
        results: "slow",
        narrative:
          "Intelligence sharing has become an important evolution in the relationship, with fusion groups and the arrest of many of the most wanted leaders. There is still no clear strategy against the groups' finances or the flow of arms. Violence keeps rising, with more than 15,000 organized-crime-related killings in 2010.",
        citedEvidenceKeys: ["ev-p1-intel-wwc-fusion", "ev-p1-ml-wwc-no-strategy", "ev-p1-intel-wwc-killings-2010"],
        publishedOn: "2011-04-30",
      },
      {
        pillarNumber: 2,
        advances: "limited",
        results: "slow",
        narrative:
          "Police reform has moved forward moderately at the federal level, but standards were lowered to recruit and reform has not reached state and local forces. Justice reform has barely advanced, with only 11 states on board. Arrests are rising while prosecutions are \"lagging far behind\".",
        citedEvidenceKeys: ["ev-p2-fp-wwc-standards", "ev-p2-jr-wwc-states", "ev-p2-jr-wwc-impunity"],
        publishedOn: "2011-04-30",
      },
      {
        pillarNumber: 3,
        advances: "substantial",
        results: "slow",
        narrative:
          "The border agenda is ambitious, with universal screening of rail traffic and empty trucks and new ports of entry, and shows \"positive forward momentum\". Many initiatives are still on the drawing board, and full implementation is likely to take years.",
        citedEvidenceKeys: ["ev-p3-rm-wwc-screening", "ev-p3-bi-wwc-momentum", "ev-p3-rm-wwc-years"],
        publishedOn: "2011-04-30",
      },
      {
        pillarNumber: 4,
        advances: "limited",
        results: "none_yet",
        narrative:
          "Todos Somos Juárez gives the pillar a starting point, but U.S. resources for community programmes are quite limited. The binational strategy is only now taking shape, so no results can be expected yet.",
        citedEvidenceKeys: ["ev-p4-tsj-wwc-limited", "ev-p4-bs-wwc"],
        publishedOn: "2011-04-30",
      },
      {
        pillarNumber: 5,
        advances: "limited",
        results: "cannot_assess",
        narrative:
          "Progress on demand reduction is extremely slow: the requested increases for treatment and prevention are small. Because the government no longer measures the size of the drug market, results cannot be assessed.",
        citedEvidenceKeys: ["ev-dr-tp-wwc-budget", "ev-dr-tp-wwc-market"],
        publishedOn: "2011-04-30",
      },
    ],
  },
  {
    key: "round-2018-05",
    title: "May 2018 review",
    titleEs: "Revisión de mayo de 2018",
    periodStart: "2011-05-01",
    periodEnd: "2018-05-24",
    status: "closed",
    assessments: [
      {
        pillarNumber: 1,
        advances: "substantial",
        results: "worsened",
        narrative:
          "The leaders of many criminal groups have been taken down and new military police brigades formed. Yet the homicide rate hit a record 22.5 per 100,000 in 2017 and the groups have splintered from 8 major cartels to more than 300. Financial intelligence remains weak.",
        citedEvidenceKeys: ["ev-p1-lead-mr-leaders", "ev-p1-lead-mr-violence", "ev-p1-ml-mr-uif"],
        publishedOn: "2018-05-24",
      },
      {
        pillarNumber: 2,
        advances: "steady",
        results: "slow",
        narrative:
          "The adversarial justice system has been in force since 2016, federal prison capacity grew from 6,000 to 30,000 beds, and federal police receive year-long training. The new system performs unevenly, with up to 90% of cases never reaching trial by one estimate, and state police reform is uneven.",
        citedEvidenceKeys: ["ev-p2-jr-mr-2016", "ev-p2-pr-mr-beds", "ev-p2-fp-mr-strength"],
        publishedOn: "2018-05-24",
      },
      {
        pillarNumber: 3,
        advances: "steady",
        results: "moderate",
        narrative:
          "Since the navy took over port security in 2016, coordination groups operate in 21 of Mexico's 103 ports. Control of goods through the ports and seizures have notably increased.",
        citedEvidenceKeys: ["ev-p3-ps-mr-navy", "ev-p3-ps-mr-ports"],
        publishedOn: "2018-05-24",
      },
      {
        pillarNumber: 5,
        advances: "limited",
        results: "worsened",
        narrative:
          "Consumption of opioids and cocaine in the United States is growing, and the review judges that the U.S. needs to do more on the demand side.",
        citedEvidenceKeys: ["ev-dr-oc-mr"],
        publishedOn: "2018-05-24",
      },
    ],
  },
];
