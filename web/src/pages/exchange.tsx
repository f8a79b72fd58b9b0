// exchange.tsx - bulk import and export of persons (issue 16, point 5).  Import: choose a
// CSV, upload it (POST /api/v1/persons/import, text/csv), follow the job's progress
// (GET /api/v1/imports/{id}) in a progress bar with a live status line, then its summary,
// every refused row with its line, column and reason, and the quarantine file to download
// (GET /api/v1/imports/{id}/quarantine), to fix and import again.  Export: the records the
// caller may see (GET /api/v1/persons/export) as a CSV or JSON Lines download.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { ErrorSummary, type FieldError, PageTitle } from "../components";
import { useMarkings } from "../markings";

interface ImportProblem {
  line: number;
  field?: string;
  reason: string;
}

interface ImportJob {
  id: string;
  done: boolean;
  bytes_read: number;
  bytes_total: number;
  rows: number;
  imported: number;
  refused: number;
  problems: ImportProblem[];
  outcome?: "completed" | "failed";
  error?: string;
  quarantine?: string;
}

const POLL_MS = 400; // how often a running import's progress is read
const MAX_BYTES = 1024 * 1024; // the server's limit on the file

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

// A download link for TEXT (an object URL, revoked when the page goes).
function useDownload(text: string | null, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (text === null) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(new Blob([text], { type }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [text, type]);
  return url;
}

function ImportProgress({ job }: { job: ImportJob }) {
  const total = job.bytes_total || 1;
  const percent = job.done ? 100 : Math.min(99, Math.floor((job.bytes_read * 100) / total));
  return (
    <div class="govuk-form-group" data-testid="import-progress">
      <label class="govuk-label" for="import-progress-bar">
        Import progress
      </label>
      <progress id="import-progress-bar" class="app-progress" max={100} value={percent}>
        {percent}%
      </progress>
      <p class="govuk-body" aria-live="polite" data-testid="import-status">
        {job.done ? "Import finished" : `Importing: ${percent}% read`}
        {`, ${plural(job.rows, "row", "rows")} read, ${plural(job.refused, "row", "rows")} refused`}
      </p>
    </div>
  );
}

function ImportSummary({ job, quarantineUrl }: { job: ImportJob; quarantineUrl: string | null }) {
  if (job.outcome === "failed") {
    return (
      <div class="govuk-error-summary" data-module="govuk-error-summary" data-testid="import-failed">
        <div role="alert">
          <h2 class="govuk-error-summary__title">Nothing was imported</h2>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{job.error}</p>
          </div>
        </div>
      </div>
    );
  }
  return (
    <>
      <div class="govuk-panel govuk-panel--confirmation" data-testid="import-summary">
        <h2 class="govuk-panel__title">{plural(job.imported, "person", "persons")} imported</h2>
        <div class="govuk-panel__body">
          {plural(job.rows, "row", "rows")} read, {plural(job.refused, "row", "rows")} refused
        </div>
      </div>
      {job.refused > 0 && (
        <>
          <h2 class="govuk-heading-m">Refused rows</h2>
          <p class="govuk-body">
            These rows were not imported. Download them, fix each as its reason says, and import the file again: the
            columns _line and _error are ignored.
          </p>
          {quarantineUrl && (
            <p class="govuk-body">
              <a class="govuk-link" href={quarantineUrl} download="refused-rows.csv" data-testid="quarantine-link">
                Download the refused rows (CSV)
              </a>
            </p>
          )}
          <table class="govuk-table" data-testid="import-problems">
            <caption class="govuk-table__caption govuk-visually-hidden">Refused rows with the reason for each</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  Line
                </th>
                <th scope="col" class="govuk-table__header">
                  Column
                </th>
                <th scope="col" class="govuk-table__header">
                  Reason
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {job.problems.map((p, i) => (
                <tr class="govuk-table__row" key={i}>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{p.line}</td>
                  <td class="govuk-table__cell">{p.field ?? "The whole row"}</td>
                  <td class="govuk-table__cell">{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

export function PersonImport() {
  useMarkings([{ classification: "official_sensitive" }]);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [quarantine, setQuarantine] = useState<string | null>(null);
  const quarantineUrl = useDownload(quarantine, "text/csv");

  // follow a running job until it is done, then fetch its quarantine
  useEffect(() => {
    if (!job || job.done) return;
    const t = window.setTimeout(async () => {
      try {
        const next = await api<ImportJob>("GET", `/api/v1/imports/${encodeURIComponent(job.id)}`);
        setJob(next);
        if (next.done && next.quarantine) setQuarantine(await api<string>("GET", next.quarantine, { asText: true }));
      } catch (e) {
        setErrors([{ field: "file", message: problemOf(e).detail }]);
      }
    }, POLL_MS);
    return () => window.clearTimeout(t);
  }, [job]);

  async function upload(ev: Event) {
    ev.preventDefault();
    if (!file) {
      setErrors([{ field: "file", message: "Select a CSV file to import" }]);
      return;
    }
    if (file.size > MAX_BYTES) {
      setErrors([{ field: "file", message: "The file must be smaller than 1 MB: split it into smaller files, each with the header row" }]);
      return;
    }
    setErrors([]);
    setQuarantine(null);
    try {
      const text = await file.text();
      const started = await api<{ id: string }>("POST", "/api/v1/persons/import", { raw: { type: "text/csv", text } });
      setJob({ id: started.id, done: false, bytes_read: 0, bytes_total: file.size, rows: 0, imported: 0, refused: 0, problems: [] });
    } catch (e) {
      setErrors([{ field: "file", message: problemOf(e).detail }]);
    }
  }

  const fileError = errors.find((e) => e.field === "file")?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle title="Import persons from a file" error={errors.length > 0} />
      <p class="govuk-body">
        A CSV file with a header row, saved as UTF-8. Columns such as given_name, family_name, dob, postcode, ni_number and
        pnc_id are read; a column accord does not read stops the import, so nothing is lost. Good rows are imported into your
        agency&rsquo;s records; refused rows are listed with the reason, to download and fix.
      </p>
      <form onSubmit={upload} noValidate>
        <div class={`govuk-form-group${fileError ? " govuk-form-group--error" : ""}`}>
          <label class="govuk-label" for="file">
            Upload a file
          </label>
          <div id="file-hint" class="govuk-hint">
            CSV, smaller than 1 MB
          </div>
          {fileError && (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Error:</span> {fileError}
            </p>
          )}
          <input
            class={`govuk-file-upload${fileError ? " govuk-file-upload--error" : ""}`}
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
          />
        </div>
        <button type="submit" class="govuk-button" data-module="govuk-button" disabled={!!job && !job.done}>
          Import
        </button>
      </form>
      {job && <ImportProgress job={job} />}
      {job?.done && <ImportSummary job={job} quarantineUrl={quarantineUrl} />}
    </>
  );
}

export function PersonExport() {
  useMarkings([{ classification: "official_sensitive" }]);
  const [format, setFormat] = useState<"csv" | "jsonl">("csv");
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const url = useDownload(text, format === "csv" ? "text/csv" : "application/x-ndjson");

  async function prepare(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setText(null);
    try {
      setText(await api<string>("GET", `/api/v1/persons/export?format=${format}`, { asText: true }));
      setErrors([]);
    } catch (e) {
      setErrors([{ field: "format-csv", message: problemOf(e).detail }]);
    } finally {
      setBusy(false);
    }
  }

  const rows = text === null ? 0 : format === "csv" ? Math.max(0, text.split("\n").filter(Boolean).length - 1) : text.split("\n").filter(Boolean).length;
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle title="Export your records" error={errors.length > 0} />
      <p class="govuk-body">
        Every person record you may see, as a file. The export is kept in the audit trail with your purpose. The CSV has the
        columns import reads, so it can be imported again.
      </p>
      <form onSubmit={prepare} noValidate>
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Format</legend>
            <div class="govuk-radios" data-module="govuk-radios">
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id="format-csv" name="format" type="radio" value="csv" checked={format === "csv"} onChange={() => setFormat("csv")} />
                <label class="govuk-label govuk-radios__label" for="format-csv">
                  CSV (a spreadsheet)
                </label>
              </div>
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id="format-jsonl" name="format" type="radio" value="jsonl" checked={format === "jsonl"} onChange={() => setFormat("jsonl")} />
                <label class="govuk-label govuk-radios__label" for="format-jsonl">
                  JSON Lines (every name, address and identifier)
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <button type="submit" class="govuk-button" data-module="govuk-button" disabled={busy}>
          Prepare the export
        </button>
      </form>
      {url && (
        <p class="govuk-body" data-testid="export-ready">
          {plural(rows, "person", "persons")} ready.{" "}
          <a class="govuk-link" href={url} download={format === "csv" ? "persons.csv" : "persons.jsonl"} data-testid="export-link">
            Download the export
          </a>
        </p>
      )}
    </>
  );
}
