package se.arkiv.security;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Writes a users file with one user per role and fresh random passwords, printed once. Used by
 * {@code ./scripts/run} on a new machine, so no password ever sits in code or in git.
 */
public final class FirstRunUsers {

  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private FirstRunUsers() {}

  public static void write(Path file, PrintStream out) throws IOException {
    if (Files.exists(file)) {
      out.println("Users file " + file + " exists; keeping it.");
      return;
    }
    Map<String, List<String>> users = new LinkedHashMap<>();
    users.put("clerk", List.of("CLERK"));
    users.put("auditor", List.of("AUDITOR"));
    users.put("manager", List.of("RECORDS_MANAGER"));
    users.put("admin", List.of("ADMIN"));
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    StringBuilder yaml =
        new StringBuilder(
                "# Written by ./scripts/run on first start. Passwords are bcrypt hashes.\n")
            .append("users:\n");
    out.println("First run: created users (these passwords are shown only now):");
    for (Map.Entry<String, List<String>> user : users.entrySet()) {
      String password = randomPassword();
      yaml.append("  - username: ")
          .append(user.getKey())
          .append("\n    password: \"{bcrypt}")
          .append(bcrypt.encode(password))
          .append("\"\n    roles: ")
          .append(user.getValue())
          .append("\n    departments: [ACCOUNTING, PAYROLL]\n");
      out.printf("  %-8s %-16s %s%n", user.getKey(), user.getValue().get(0), password);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, yaml);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX filesystem; the file still holds only hashes
    }
  }

  private static String randomPassword() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
