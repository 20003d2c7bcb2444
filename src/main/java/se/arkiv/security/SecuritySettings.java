package se.arkiv.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code arkiv.security.users-file}: the YAML users file, kept outside git. */
@ConfigurationProperties("arkiv.security")
record SecuritySettings(@DefaultValue("./data/users.yaml") Path usersFile) {}
