package se.arkiv.security;

/** What a user may do in Arkiv. */
public enum Role {
  /** Files records and reads what was filed. */
  CLERK,
  /** Reads and searches everything; changes nothing. */
  AUDITOR,
  /** Owns the file plan, retention events, legal holds and disposition. */
  RECORDS_MANAGER,
  /** Runs the service: storage, users, reindex, health. */
  ADMIN
}
