import { PageTitle } from "../components";

export function NotFound() {
  return (
    <>
      <PageTitle title="Page not found" />
      <p class="govuk-body">If you typed the web address, check it is correct.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          Go to the home page
        </a>
      </p>
    </>
  );
}
