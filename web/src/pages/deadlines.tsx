// deadlines.tsx - case deadlines this week, passed ones first (the rows GET /api/v1/me/work
// counts: GET /deadlines?within_days=7).
import { PageTitle } from "../components";
import { useMarkings } from "../markings";
import { caseTypeLabel, dateTimeText, words } from "../labels";
import { ListState, TableScroll, useList } from "./worklist";

interface Deadline {
  case_id: string;
  case_type: string;
  title: string;
  state: string;
  due_at: string;
  basis: string;
  overdue: boolean;
}

export function Deadlines() {
  useMarkings([{ classification: "official_sensitive" }]);
  const { rows, error } = useList<Deadline>("/api/v1/deadlines?within_days=7", "deadlines");
  return (
    <>
      <PageTitle title="Case deadlines this week" />
      <p class="govuk-body">The deadlines of the cases you work on that fall due in the next 7 days, and those that have passed.</p>
      <ListState rows={rows} error={error} empty="No case of yours has a deadline this week." />
      {rows && rows.length > 0 && (
        <TableScroll label={"Case deadlines this week"}>
          <table class="govuk-table" data-testid="rows">
            <caption class="govuk-table__caption govuk-visually-hidden">Case deadlines this week</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Case
                </th>
                <th scope="col" class="govuk-table__header">
                  Stage
                </th>
                <th scope="col" class="govuk-table__header">
                  Due
                </th>
                <th scope="col" class="govuk-table__header">
                  Why
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((d) => (
                <tr class="govuk-table__row" key={`${d.case_id}-${d.due_at}`} data-testid="row">
                  <td class="govuk-table__cell app-wrap">
                    {d.title}
                    <span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">{caseTypeLabel(d.case_type)}</span>
                  </td>
                  <td class="govuk-table__cell">{words(d.state)}</td>
                  <td class="govuk-table__cell">
                    {dateTimeText(d.due_at)} {d.overdue && <strong class="govuk-tag govuk-tag--red">Overdue</strong>}
                  </td>
                  <td class="govuk-table__cell app-wrap">{d.basis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
