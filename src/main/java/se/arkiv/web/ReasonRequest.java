package se.arkiv.web;

/** Why an event is retracted or a hold released: kept on the audit trail. */
record ReasonRequest(String reason) {}
