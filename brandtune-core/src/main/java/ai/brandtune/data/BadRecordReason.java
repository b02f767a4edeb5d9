package ai.brandtune.data;

/** Why a dataset record was rejected; the counts of a skip-mode read are kept by reason. */
public enum BadRecordReason {
  MALFORMED_JSON("malformed JSON"),
  MALFORMED_ROW("malformed table row"),
  MISSING_FIELD("missing field"),
  WRONG_TYPE("field of the wrong type"),
  UNKNOWN_FORMAT("unknown record format"),
  UNKNOWN_ROLE("unknown role"),
  EMPTY_ASSISTANT_TURN("empty assistant turn"),
  NO_ASSISTANT_TURN("no assistant turn"),
  SPECIAL_TOKEN_IN_CONTENT("special token inside an assistant turn"),
  TEMPLATE_ERROR("chat template cannot render it");

  private final String description;

  BadRecordReason(String description) {
    this.description = description;
  }

  /** Words for reports, e.g. "empty assistant turn". */
  public String description() {
    return description;
  }
}
