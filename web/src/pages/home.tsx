// home.tsx - the home page per role: who you are, for now (the journeys fill it with what
// needs each role now: issue 16 point 6).
import { PageTitle } from "../components";
import { useMarkings } from "../markings";
import { ReporterStart } from "./reports";
import { clearanceLabel, roleLabel, type Session } from "../session";

export function Home({ session }: { session: Session }) {
  useMarkings([{ classification: "official" }]);
  return (
    <>
      <PageTitle title="Home" caption={session.agency.name} />
      <p class="govuk-body-l" data-testid="welcome">
        You are signed in as {session.display_name} ({session.username}).
      </p>
      {session.roles.includes("reporter") && <ReporterStart />}
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Agency</dt>
          <dd class="govuk-summary-list__value">{session.agency.name}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Role</dt>
          <dd class="govuk-summary-list__value">{session.roles.map(roleLabel).join(", ") || "No role"}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Clearance</dt>
          <dd class="govuk-summary-list__value">{clearanceLabel(session.clearance)}</dd>
        </div>
      </dl>
    </>
  );
}
