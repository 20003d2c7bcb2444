package se.arkiv.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the users file. Passwords must be hashes with a strong encoder's prefix ({bcrypt},
 * {argon2}, {pbkdf2}, {scrypt}): a plain or {noop} password is refused at start-up.
 */
final class UsersFile {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern STRONG_HASH =
      Pattern.compile(
          "\\{(bcrypt|argon2@SpringSecurity_v5_8|argon2|pbkdf2@SpringSecurity_v5_8|pbkdf2|scrypt@SpringSecurity_v5_8|scrypt)}.+");
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  record Entry(String username, String password, List<String> roles, List<String> departments) {}

  record Content(List<Entry> users) {}

  private UsersFile() {}

  static List<ArkivUser> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UsersFileInvalid(
          "Users file not found at "
              + file.toAbsolutePath()
              + ": ./scripts/run writes one on first start; or write one like"
              + " storage-config/users.example.yaml and set arkiv.security.users-file");
    }
    Content content;
    try {
      content = YAML.readValue(Files.readString(file), Content.class);
    } catch (JacksonException | IOException e) {
      throw new UsersFileInvalid("Users file " + file + " is not readable: " + e.getMessage());
    }
    if (content == null || content.users() == null || content.users().isEmpty()) {
      throw new UsersFileInvalid("Users file " + file + " lists no users");
    }
    List<ArkivUser> users = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Entry entry : content.users()) {
      String where = "Users file " + file + ", user " + (entry == null ? "?" : entry.username());
      if (entry == null
          || entry.username() == null
          || !USERNAME.matcher(entry.username()).matches()) {
        throw new UsersFileInvalid(where + ": username must be 1-64 of A-Z a-z 0-9 . _ @ -");
      }
      if (!names.add(entry.username())) {
        throw new UsersFileInvalid(where + ": listed twice");
      }
      if (entry.password() == null || !STRONG_HASH.matcher(entry.password()).matches()) {
        throw new UsersFileInvalid(
            where + ": password must be a hash such as {bcrypt}$2a$10$..., never plain text");
      }
      if (entry.roles() == null || entry.roles().isEmpty()) {
        throw new UsersFileInvalid(where + ": roles are required");
      }
      Set<Role> roles = new LinkedHashSet<>();
      for (String role : entry.roles()) {
        try {
          roles.add(Role.valueOf(role.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new UsersFileInvalid(
              where + ": role '" + role + "' is not one of " + List.of(Role.values()));
        }
      }
      List<String> departments =
          entry.departments() == null
              ? List.of()
              : entry.departments().stream().map(d -> d.strip().toUpperCase(Locale.ROOT)).toList();
      users.add(new ArkivUser(entry.username(), entry.password(), roles, departments));
    }
    return users;
  }
}
