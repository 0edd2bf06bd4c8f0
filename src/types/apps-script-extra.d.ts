// Apps Script methods newer than @types/google-apps-script 2.0.13.
// Forms created after 30 June 2026 start unpublished:
// https://developers.google.com/apps-script/reference/forms/form#ispublished
declare namespace GoogleAppsScript.Forms {
  interface Form {
    isPublished(): boolean;
    setPublished(enabled: boolean): Form;
  }
}
