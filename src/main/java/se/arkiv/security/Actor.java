package se.arkiv.security;

import java.util.List;
import java.util.Set;

/**
 * Who is acting, with what roles, and which departments they may see. Auditors and records managers
 * see every department; a clerk sees the departments of the users file (or token).
 */
public record Actor(String username, Set<Role> roles, List<String> departments) {

  public Actor {
    roles = Set.copyOf(roles);
    departments = List.copyOf(departments);
  }

  /** True when no department bounds what this actor may see. */
  public boolean seesAllDepartments() {
    return roles.contains(Role.AUDITOR) || roles.contains(Role.RECORDS_MANAGER);
  }

  /** Whether a record of this department is inside the actor's scope. */
  public boolean maySee(String department) {
    return seesAllDepartments() || (department != null && departments.contains(department));
  }

  /** The departments a search is restricted to, or null for all. */
  public Set<String> searchScope() {
    return seesAllDepartments() ? null : Set.copyOf(departments);
  }

  public List<String> roleNames() {
    return roles.stream().map(Role::name).sorted().toList();
  }
}
