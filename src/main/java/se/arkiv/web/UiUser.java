package se.arkiv.web;

import java.util.List;
import se.arkiv.security.Actor;
import se.arkiv.security.Role;

/**
 * The signed-in user as the pages need them: what to offer, never what to allow (rules do that).
 */
record UiUser(
    String name,
    List<String> departments,
    boolean clerk,
    boolean auditor,
    boolean manager,
    boolean admin) {

  static UiUser of(Actor actor) {
    return new UiUser(
        actor.username(),
        actor.departments(),
        actor.roles().contains(Role.CLERK),
        actor.roles().contains(Role.AUDITOR),
        actor.roles().contains(Role.RECORDS_MANAGER),
        actor.roles().contains(Role.ADMIN));
  }

  public boolean files() {
    return clerk || manager;
  }

  public boolean searches() {
    return clerk || auditor || manager;
  }

  public boolean governs() {
    return auditor || manager;
  }
}
