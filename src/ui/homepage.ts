// The add-on's homepage card (Sheets side panel): what the add-on is and where its tools are.
// The real work happens from the Extensions menu and the sidebar, so the card only points there.
export function buildHomepage(
  cardService: GoogleAppsScript.Card_Service.CardService,
): GoogleAppsScript.Card_Service.Card {
  const section = cardService
    .newCardSection()
    .addWidget(
      cardService
        .newTextParagraph()
        .setText(
          "Recruitment for the hub's NCETM programmes: every form response checked, its school found in the national register, and a verdict with reasons in the Applications sheet.",
        ),
    )
    .addWidget(
      cardService
        .newTextParagraph()
        .setText(
          "Open Extensions > Maths Hub Recruitment to set up the hub, process responses, see your queue or allocate places.",
        ),
    );
  return cardService
    .newCardBuilder()
    .setHeader(cardService.newCardHeader().setTitle("Maths Hub Recruitment"))
    .addSection(section)
    .build();
}
